package io.spear.next;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.sms.nodes.Report;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A resource report is spelled out in four places that cannot be one: the stored proto and the gRPC
 * proto (each a wire contract of its own), the registry's record, and the command both protocols
 * build (REST binds its body to it). A field added to one and not the others fails here, before a
 * report loses it on the way.
 */
class ReportDefinitionsTest {

    /** What the server adds to a report: a sender never sends them. */
    private static final Set<String> SET_BY_THE_SERVER = Set.of("node_uuid", "updated_at");

    private static Set<String> fields(Descriptor message) {
        return message.getFields().stream()
                .map(FieldDescriptor::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A record's components in snake case, as its JSON and the protos name them. */
    private static Set<String> components(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(component -> component
                        .getName()
                        .replaceAll("([a-z])([A-Z0-9])", "$1_$2")
                        .toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theStoredTheGrpcAndTheRegistrysReportHaveTheSameFields() {
        Set<String> stored = fields(StoredReport.getDescriptor());
        assertEquals(stored, fields(io.spear.next.sms.grpc.v1.NodeResource.getDescriptor()), "gRPC's NodeResource");
        assertEquals(stored, components(NodeResource.class), "the registry's NodeResource (the REST answer)");
    }

    @Test
    void whatSendersSendIsTheReportWithoutWhatTheServerSets() {
        Set<String> sent = new TreeSet<>(fields(StoredReport.getDescriptor()));
        sent.removeAll(SET_BY_THE_SERVER);
        assertEquals(sent, components(Report.class), "the command both protocols build (and REST's body)");
    }
}
