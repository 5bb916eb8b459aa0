package io.tollgate.eventing.signing;

import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SigningKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Not a test: a measurement of the CPU one event's signature costs, the producer's signing and a
 * consumer's verification, on one thread, after a warm-up. Run from the repository root:
 * {@code java -cp <eventing test classpath> io.tollgate.eventing.signing.SigningCost [events]}
 * (docs/benchmarks.md gives the whole command). Prints thread CPU ns per event.
 */
public final class SigningCost {

    private SigningCost() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        if (events < 1 || events > 10_000_000) {
            throw new IllegalArgumentException("events must be in [1, 10000000]: " + events);
        }
        KeyPair pair = SigningKeys.generate();
        EventSigner signer = new EventSigner("regulator-bench", pair.getPrivate(), List.of());
        EventVerifier verifier = new EventVerifier(List.of(
                new SigningKeys.Trusted("regulator-bench", Provenance.REGULATOR_SERVICE, pair.getPublic())));
        Envelope envelope = Grants.grant(Provenance.REGULATOR_SERVICE, Instant.parse("2026-12-06T04:27:56.123Z"));
        Grants.Encoded record = Grants.encode(envelope);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        run(signer, verifier, record, events); // warm-up: the same work, not counted
        RecordHeaders[] signed = new RecordHeaders[events];
        for (int i = 0; i < events; i++) {
            signed[i] = new RecordHeaders(record.headers().toArray());
        }
        // Whole loops are timed (thread CPU), so the clock's own cost is not counted per event.
        long t0 = cpu.getCurrentThreadCpuTime();
        for (RecordHeaders headers : signed) {
            signer.sign(headers, record.value());
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (RecordHeaders headers : signed) {
            verifier.verify(headers, record.value());
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        long signNs = t1 - t0;
        long verifyNs = t2 - t1;
        // The JDK's own provider on the same signed bytes, in the same run: what eventing used before.
        byte[] pae = DsseEnvelope.pae(DsseEnvelope.PAYLOAD_TYPE, new byte[PAE_PAYLOAD_BYTES]);
        long[] jdk = jdkCost(pair, pae, Math.min(events, 5_000));
        System.out.printf("events=%d value_bytes=%d sign_ns_per_event=%d verify_ns_per_event=%d"
                        + " sign_plus_verify_ns_per_event=%d jdk_sign_ns=%d jdk_verify_ns=%d%n", events,
                record.value().length, signNs / events, verifyNs / events, (signNs + verifyNs) / events,
                jdk[0], jdk[1]);
    }

    /** A verification material's size, about what the grant's signature covers. */
    private static final int PAE_PAYLOAD_BYTES = 420;

    /** Thread CPU ns per signature and per verification with java.security.Signature, after a warm-up. */
    private static long[] jdkCost(KeyPair pair, byte[] message, int n) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try {
            byte[] sig = null;
            for (int round = 0; round < 2; round++) { // the first round warms up
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    Signature s = Signature.getInstance(SigningKeys.ALGORITHM);
                    s.initSign(pair.getPrivate());
                    s.update(message);
                    sig = s.sign();
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    Signature v = Signature.getInstance(SigningKeys.ALGORITHM);
                    v.initVerify(pair.getPublic());
                    v.update(message);
                    if (!v.verify(sig)) {
                        throw new IllegalStateException("the JDK refused its own signature");
                    }
                }
                long t2 = cpu.getCurrentThreadCpuTime();
                if (round == 1) {
                    return new long[] {(t1 - t0) / n, (t2 - t1) / n};
                }
            }
            throw new IllegalStateException("unreachable");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(EventSigner signer, EventVerifier verifier, Grants.Encoded record, int events) {
        for (int i = 0; i < events; i++) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            signer.sign(headers, record.value());
            verifier.verify(headers, record.value());
        }
    }
}
