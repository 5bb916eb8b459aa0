package io.tollgate.eventing.error;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one walk along an exception's cause chain. Every place that asks "is there an X somewhere
 * in this failure?" asks here, so the walk is bounded and self-loop safe in exactly one way.
 */
public final class Causes {

    /** A cause chain longer than this is treated as ending there (guards against cycles). */
    static final int DEPTH_MAX = 64;

    private Causes() {
    }

    /** The first throwable in {@code failure}'s chain (itself included) of the given type. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return first(failure, type::isInstance).map(type::cast);
    }

    /** The first throwable in {@code failure}'s chain (itself included) that matches. */
    public static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < DEPTH_MAX; depth++) {
            if (test.test(t)) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return Optional.empty();
    }

    /** True when some throwable in the chain matches. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        return first(failure, test).isPresent();
    }

    /** The SQLState of the first {@link SQLException} in the chain that has one. */
    public static Optional<String> sqlState(Throwable failure) {
        return first(failure, t -> t instanceof SQLException s && s.getSQLState() != null)
                .map(t -> ((SQLException) t).getSQLState());
    }

    /** The last throwable of the chain: what actually went wrong, for logs and dead-letter reasons. */
    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; depth < DEPTH_MAX && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code SimpleName: message} of the root cause. */
    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
