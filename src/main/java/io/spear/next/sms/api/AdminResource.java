package io.spear.next.sms.api;

import io.smallrye.common.annotation.Blocking;
import io.spear.next.sms.admin.BackupNotFoundException;
import io.spear.next.sms.admin.StoreAdmin;
import io.spear.next.sms.security.Roles;
import io.spear.next.storage.kv.BackupInfo;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.transfer.TransferStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Operator routes: online backups, and export/import of the whole store for migrations: long
 * blocking calls and streams, run by Quarkus on its worker pool.
 */
@Blocking
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin")
@Tag(name = "admin", description = "Backups, export and import of the store (role admin)")
public class AdminResource {

    public static final String NDJSON = "application/x-ndjson";

    private final StoreAdmin admin;

    AdminResource(StoreAdmin admin) {
        this.admin = admin;
    }

    public record Backup(String id, long createdAt, long sizeBytes, long keyCount) {
        static Backup of(BackupInfo info) {
            return new Backup(info.id(), info.createdAt().getEpochSecond(), info.sizeBytes(), info.keyCount());
        }
    }

    public record BackupList(List<Backup> backups) {}

    public record Verification(Backup backup, boolean verified, String problem) {}

    public record ImportResult(long importedPairs, long bytes) {}

    @POST
    @Path("/backups")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createBackup",
            summary = "Take a backup",
            description = "A consistent checkpoint of the running store, taken while "
                    + "writes go on; the oldest beyond kv.backup.keep are deleted. 409 on the memory backend")
    public RestResponse<Backup> createBackup() {
        Backup backup = Backup.of(admin.createBackup());
        return RestResponse.ResponseBuilder.<Backup>created(URI.create("/api/v1/admin/backups/" + backup.id()))
                .entity(backup)
                .build();
    }

    @GET
    @Path("/backups")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listBackups", summary = "List backups", description = "Oldest first")
    public BackupList listBackups() {
        return new BackupList(admin.listBackups().stream().map(Backup::of).toList());
    }

    @POST
    @Path("/backups/{id}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "verifyBackup",
            summary = "Verify a backup",
            description = "Reads every key of the backup with checksums on and "
                    + "compares the count with the one recorded when it was taken")
    public Verification verifyBackup(@PathParam("id") String id) {
        BackupInfo info = admin.listBackups().stream()
                .filter(b -> b.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new BackupNotFoundException(id));
        try {
            return new Verification(Backup.of(admin.verifyBackup(id)), true, null);
        } catch (KvException e) {
            return new Verification(Backup.of(info), false, e.getMessage());
        }
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @Operation(
            operationId = "exportPairs",
            summary = "Export every pair",
            description = "NDJSON, one {\"key\", \"value\" (base64)} per line, in "
                    + "key order, from one consistent snapshot, streamed")
    public StreamingOutput export() {
        return admin::export;
    }

    @POST
    @Path("/import")
    @Consumes({NDJSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "importPairs",
            summary = "Import an export",
            description = "Into an instance without nodes (409 otherwise), in "
                    + "batches, all or nothing: a malformed line stops the import with its number (400) and "
                    + "what came before it is taken back")
    public ImportResult importPairs(InputStream body) {
        TransferStats stats = admin.importFrom(body);
        return new ImportResult(stats.pairs(), stats.bytes());
    }
}
