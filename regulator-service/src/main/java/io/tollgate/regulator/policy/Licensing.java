package io.tollgate.regulator.policy;

/** Whether the US export track may license a product family at all. */
public enum Licensing {
    LICENSABLE,
    PROHIBITED
}
