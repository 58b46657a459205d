/**
 * The REST adapter (Quarkus REST, Jackson): resources, the JSON shapes of requests and
 * responses, problem+json errors, the SSE watch. Calls {@code sms.nodes} and the registry's
 * views; never the gRPC adapter.
 */
package io.spear.next.sms.api;
