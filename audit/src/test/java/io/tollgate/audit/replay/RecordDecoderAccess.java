package io.tollgate.audit.replay;

import io.tollgate.contracts.WireEvent;

/** Opens the decoder's principal rule to the tests of other packages. */
public final class RecordDecoderAccess {

    private RecordDecoderAccess() {
    }

    public static String principalOf(WireEvent event) {
        return RecordDecoder.principalOf(event);
    }
}
