package io.spear.next.sms.security;

/**
 * The roles a bearer token's {@code groups} claim grants. Each route names the roles it admits;
 * {@code admin} is admitted everywhere.
 */
public final class Roles {

    /** A compute node's agent: registers, heartbeats and reports its resources. */
    public static final String AGENT = "agent";
    /** Schedulers and dashboards: every read of the registry. */
    public static final String READER = "reader";
    /** Operators: everything, including updates, deletes, backups, export and import. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
