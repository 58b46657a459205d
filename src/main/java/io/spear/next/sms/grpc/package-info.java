/**
 * The gRPC adapter for Spear's node agents ({@code node.proto}): the service, its stream of
 * heartbeats, bearer-token checks, the mapping of errors to status codes. Calls
 * {@code sms.nodes}; never the REST adapter.
 */
package io.spear.next.sms.grpc;
