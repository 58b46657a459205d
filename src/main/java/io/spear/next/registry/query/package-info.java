/**
 * What a listing asks for, parsed and checked once: label selectors (Kubernetes' syntax), report
 * filters and orders, and the node and report queries that carry them. Pure values over the
 * registry's API types; they know neither the store nor the format, so adapters may build them
 * from requests, and the reading room turns them into index ranges.
 */
package io.spear.next.registry.query;
