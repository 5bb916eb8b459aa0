package io.tollgate.regulator.api;

/** A report id the ERP used before for other figures: report ids are never reused. */
public class UsShipmentReportIdReusedException extends RegulatorRejection {
    public UsShipmentReportIdReusedException(String message) {
        super("US_SHIPMENT_REPORT_ID_REUSED", message);
    }
}
