package io.spear.next.sms.api;

import io.spear.next.registry.RegistryException;

public class BackupNotFoundException extends RegistryException {

    public BackupNotFoundException(String id) {
        super("no backup with id " + id);
    }
}
