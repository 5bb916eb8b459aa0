/**
 * The regulator's messages: commands, events and rejections, one type per file. Events are stored
 * forever under their class name and {@code @Revision}: fields are only ever added, and a rename
 * or a breaking change ships with an upcaster (see {@code command.NestedEventNamesUpcaster}) and
 * JSON fixtures of the old stored shape.
 */
package io.tollgate.regulator.api;
