/**
 * The REST adapter (Quarkus REST, Jackson): resources, the JSON shapes of requests and
 * responses, problem+json errors, the SSE watch. Calls {@code sms.nodes} and the registry's
 * views; never the gRPC adapter. A route that reads or changes the store says {@code @Blocking}
 * (Quarkus runs it on its worker pool, as it runs the gRPC service's blocking methods); the agents'
 * writes return a {@code Uni} and stay on the event loop ({@link io.spear.next.sms.api.EventLoop}).
 */
package io.spear.next.sms.api;
