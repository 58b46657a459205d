package io.spear.next.sms.nodes;

/**
 * An error of the service's own packages (watch, admin) that says its kind itself; the errors of
 * the libraries it calls (registry, storage, security) are in {@link ErrorKind}'s table.
 */
public interface KindOfError {

    ErrorKind kind();
}
