package io.tollgate.regulator.api;

import java.util.List;

/** An officer GRANT that a hard rule forbids (prohibited or unknown product, register, cap). */
public class OfficerOverrideRefusedException extends RegulatorRejection {
    private final List<Reason> reasons;

    public OfficerOverrideRefusedException(List<Reason> reasons) {
        super(reasons.get(0).code().name(), "A compliance officer cannot grant this application: "
                + reasons.get(0).text());
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
