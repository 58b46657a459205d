/**
 * Reading and paging: the {@code NodePager} walks index ranges ({@code IndexRanges}, chosen from a
 * query: a few label values, the status entries, or every record) through one cursor
 * ({@code UnionCursor}), resolves a page with one multi-get and hands out page tokens. Uses the
 * stored format and the queries; never writes.
 */
package io.spear.next.registry.read;
