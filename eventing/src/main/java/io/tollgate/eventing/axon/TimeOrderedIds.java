package io.tollgate.eventing.axon;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers for orders, decisions and every Axon message: UUID version 7 (RFC 9562), a 48-bit
 * millisecond timestamp followed by 74 random bits from {@link ThreadLocalRandom}.
 *
 * <p>Why not {@link UUID#randomUUID()}: it draws from one shared {@code SecureRandom} whose lock
 * the request threads queued on under load. These ids must be unique, not secret (every endpoint is
 * authenticated and authorised; an id grants nothing). The timestamp makes ids of different
 * milliseconds distinct by construction, so uniqueness rests on the 74 random bits only among ids of
 * the same millisecond, where a collision needs about 2^37 ids in that one millisecond. Ids also
 * sort by creation time, so unique indexes on them grow at one end instead of everywhere.
 *
 * <p>Axon finds this factory through {@code META-INF/services} ({@link IdentifierFactory#getInstance()}).
 */
public final class TimeOrderedIds extends IdentifierFactory {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    /** A new version-7 UUID. */
    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | VERSION_7 | (random.nextInt() & 0x0FFFL);
        long low = VARIANT_RFC | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }

    /** {@link #next()} as its canonical 36-character text. */
    public static String nextText() {
        return next().toString();
    }

    @Override
    public String generateIdentifier() {
        return nextText();
    }
}
