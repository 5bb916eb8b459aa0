package io.tollgate.deploy.local;

import io.tollgate.contracts.KafkaAccess;
import io.tollgate.contracts.KafkaLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the local broker trust no one by default: its client listener takes SASL/SCRAM logins
 * only, KRaft's {@code StandardAuthorizer} denies whatever no ACL allows, and contracts'
 * {@link KafkaAccess} table becomes the ACLs. SCRAM users and ACLs live in the cluster metadata:
 * the operator user is written when the storage is formatted (KRaft's bootstrap SCRAM records;
 * the admin API refuses SCRAM changes sent straight to a controller), the service users and the
 * ACLs by that operator at every start, so they always match the credentials file.
 */
public final class BrokerSecurity {

    /** The client listener's name and protocol. */
    static final String LISTENER = "SASL_PLAINTEXT";
    /**
     * The controller listener takes SASL/PLAIN with the operator as its only user: KRaft cannot
     * check SCRAM there (the credentials live in the metadata the controller serves), and an
     * anonymous controller listener would have to be a super user, open to anyone who reaches it.
     */
    static final String CONTROLLER_MECHANISM = "PLAIN";
    /** SCRAM's iteration count: Kafka's minimum is 4096; 8192 costs ~10 ms per login here. */
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Refused logins in a row before the launcher gives up (one may race the broker's start). */
    private static final int LOGIN_REFUSALS_MAX = 3;

    private final KafkaCredentials credentials;

    public BrokerSecurity(KafkaCredentials credentials) {
        this.credentials = credentials;
    }

    public KafkaCredentials credentials() {
        return credentials;
    }

    /** The lines server.properties needs for SCRAM logins and ACLs (the file becomes owner-only). */
    List<String> serverProperties() {
        KafkaLogin admin = credentials.admin();
        String mechanism = admin.mechanism();
        // The broker logs in as the operator when it talks to itself (inter-broker listener).
        String jaas = admin.clientProperties().get("sasl.jaas.config").replace("\\", "\\\\");
        String user = KafkaLogin.quoted(admin.username());
        String password = KafkaLogin.quoted(admin.password()).replace("\\", "\\\\");
        // The node logs in to its controller as the operator, who is the listener's only user.
        String controllerJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"" + user + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";";
        return List.of(
            "sasl.mechanism.controller.protocol=" + CONTROLLER_MECHANISM,
            "listener.name.controller.sasl.enabled.mechanisms=" + CONTROLLER_MECHANISM,
            "listener.name.controller." + CONTROLLER_MECHANISM.toLowerCase() + ".sasl.jaas.config=" + controllerJaas,
            "sasl.enabled.mechanisms=" + mechanism,
            "sasl.mechanism.inter.broker.protocol=" + mechanism,
            "listener.name." + LISTENER.toLowerCase() + "." + mechanism.toLowerCase() + ".sasl.jaas.config=" + jaas,
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users=User:" + KafkaAccess.ADMIN_USER,
            // A resource without ACLs is closed to everyone but the super users.
            "allow.everyone.if.no.acl.found=false");
    }

    /** StorageTool arguments that put the operator's SCRAM credential in the bootstrap metadata. */
    List<String> formatArguments() {
        KafkaLogin admin = credentials.admin();
        return List.of("--add-scram",
            admin.mechanism() + "=[name=" + admin.username() + ",password=" + admin.password() + "]");
    }

    /** What a launcher-side client adds to its bootstrap servers: the operator's login. */
    public Map<String, String> adminClientProperties() {
        return credentials.admin().clientProperties();
    }

    /**
     * Waits until the broker on {@code bootstrapServers} takes the operator's login, then upserts
     * every SCRAM user and makes each service principal's ACLs exactly those of {@link KafkaAccess}
     * (stale ones removed). A refused operator login means the storage was formatted with another
     * password (or before logins were required): that needs an operator, not a retry.
     */
    void apply(String bootstrapServers, Path storage, Duration timeout, Runnable checkAlive) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(adminClientProperties());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-launcher-security");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        long deadline = System.nanoTime() + timeout.toNanos();
        int refusals = 0;
        try (Admin admin = Admin.create(props)) {
            while (true) {
                checkAlive.run();
                try {
                    upsertUsers(admin);
                    replaceAcls(admin);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (notYet.getCause() instanceof SaslAuthenticationException && ++refusals >= LOGIN_REFUSALS_MAX) {
                        throw new LaunchException("the broker refuses the operator login "
                            + KafkaAccess.ADMIN_USER + " of the credentials file",
                            "  its storage was formatted with another password, or before logins were required;"
                                + "\n  stop the stack and delete " + storage + " to get a fresh broker (its topics are lost)");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new LaunchException("cannot write Kafka users and ACLs on " + bootstrapServers
                            + " within " + timeout.toSeconds() + " s: " + notYet.getMessage());
                    }
                }
                KafkaBroker.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while writing Kafka users and ACLs");
        }
    }

    private void upsertUsers(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String user : KafkaCredentials.users()) {
            KafkaLogin login = credentials.login(user);
            upserts.add(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.fromMechanismName(login.mechanism()), SCRAM_ITERATIONS),
                login.password()));
        }
        admin.alterUserScramCredentials(upserts).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void replaceAcls(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
        Set<AclBinding> wanted = new HashSet<>(aclBindings());
        List<AclBindingFilter> stale = new ArrayList<>();
        for (KafkaAccess.Principal service : KafkaAccess.principals()) {
            AclBindingFilter ofPrincipal = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(service.principal(), null, AclOperation.ANY, AclPermissionType.ANY));
            Collection<AclBinding> present = admin.describeAcls(ofPrincipal).values()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (AclBinding binding : present) {
                if (!wanted.remove(binding)) {
                    stale.add(binding.toFilter());
                }
            }
        }
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!wanted.isEmpty()) {
            admin.createAcls(wanted).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@link KafkaAccess} as broker ACLs: one ALLOW per operation, from any host, literal names. */
    public static List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccess.Principal service : KafkaAccess.principals()) {
            for (KafkaAccess.Grant grant : service.grants()) {
                ResourcePattern resource = new ResourcePattern(switch (grant.type()) {
                    case TOPIC -> ResourceType.TOPIC;
                    case GROUP -> ResourceType.GROUP;
                }, grant.name(), PatternType.LITERAL);
                for (KafkaAccess.Operation operation : grant.operations()) {
                    bindings.add(new AclBinding(resource, new AccessControlEntry(service.principal(), "*",
                        AclOperation.valueOf(operation.name()), AclPermissionType.ALLOW)));
                }
            }
        }
        return List.copyOf(bindings);
    }
}
