package io.tollgate.regulator.api;

/** The register entry a DESIGNATE_CUSTOMER proposal puts in place; a null cap means no cap. */
public record DesignationChange(String name, String country, Long unitCapPerQuarter) {
}
