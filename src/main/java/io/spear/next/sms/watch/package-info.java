/**
 * The watch: one hub that sends the registry's change log to every watcher (REST's SSE route and
 * gRPC's Watch differ only in their sink), each holding a bounded number of events not yet taken.
 */
package io.spear.next.sms.watch;
