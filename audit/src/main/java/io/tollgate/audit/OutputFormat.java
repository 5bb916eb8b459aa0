package io.tollgate.audit;

/** How balances and comparisons are printed: a table for people, or one JSON object. */
enum OutputFormat {
    text,
    json
}
