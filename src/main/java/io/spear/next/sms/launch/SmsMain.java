package io.spear.next.sms.launch;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's entry point: reads the original SMS's command line ({@link SpearCommandLine}),
 * starts Quarkus, and ends the boot with exit code 1 and one line when a port it must listen on is
 * taken (Quarkus ends it for HTTP but would go on without its gRPC server, never ready).
 */
@QuarkusMain
public class SmsMain implements QuarkusApplication {

    private final Instance<GrpcHealthStorage> grpcServer;

    SmsMain(Instance<GrpcHealthStorage> grpcServer) {
        this.grpcServer = grpcServer;
    }

    /**
     * Hibernate Validator announces its version at INFO while configuration is validated, before
     * Quarkus' logging is set up: a boot that fails on a setting would print it before the one line
     * that says why. Held here, as java.util.logging keeps its loggers only weakly.
     */
    private static final java.util.logging.Logger VALIDATOR_VERSION =
            java.util.logging.Logger.getLogger("org.hibernate.validator.internal.util.Version");

    public static void main(String... args) {
        VALIDATOR_VERSION.setLevel(java.util.logging.Level.WARNING);
        SpearCommandLine.Launch launch;
        try {
            launch = SpearCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sms: " + e.getMessage() + "; 'sms --help' lists the options");
            System.exit(2);
            return;
        }
        if (launch instanceof SpearCommandLine.Launch.Help) {
            System.out.print(SpearCommandLine.usage());
        } else if (launch instanceof SpearCommandLine.Launch.Version) {
            System.out.println("sms " + version());
        } else if (launch instanceof SpearCommandLine.Launch.Run run) {
            run.properties().forEach(System::setProperty);
            Quarkus.run(SmsMain.class, SmsMain::exit, args);
        }
    }

    @Override
    public int run(String... args) {
        if (grpcServer.isResolvable() && grpcServer.get().getStatuses().get("") != ServingStatus.SERVING) {
            int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.port", Integer.class);
            Log.errorf(
                    "Cannot start the SMS: the gRPC port %d (quarkus.grpc.server.port, --grpc-addr) is not listening, "
                            + "most likely in use by another process: stop it, or choose another port",
                    port);
            return 1;
        }
        Quarkus.waitForExit();
        return 0;
    }

    /**
     * Says in one line why a boot failed, then exits as Quarkus would: a taken HTTP port names the
     * port and its setting; a setting Quarkus could not read (it has no logging yet) is named by its
     * message. The service's own start failures ({@link ConfigurationException}) were logged where
     * they happened.
     */
    private static void exit(int code, Throwable failure) {
        String why = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof QuarkusBindException bind) {
                why = "the HTTP port " + bind.getPort() + " (quarkus.http.port, --http-addr) is in use by another "
                        + "process: stop it, or choose another port";
                break;
            }
            if (cause instanceof ConfigurationException) {
                why = null;
                break;
            }
            if (cause.getMessage() != null) {
                why = cause.getMessage();
            }
        }
        if (why != null) {
            System.err.println("Cannot start the SMS: " + why);
        }
        // Quarkus' own handler: it ends the JVM in production, and in dev mode waits for the restart
        ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
    }

    /** This build's version, as {@code sms --version} prints it. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = SmsMain.class.getResourceAsStream("/sms-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // unknown below
        }
        return properties.getProperty("version", "unknown");
    }
}
