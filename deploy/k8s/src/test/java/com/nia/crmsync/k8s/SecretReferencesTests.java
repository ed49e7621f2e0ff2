package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * No value a container reads is left dangling: a ConfigMap key it reads exists in the rendered
 * ConfigMap, and every Secret key the local overlay reads is one that create-secrets.sh makes (and the
 * script makes nothing unused), and every Secret production reads is one that deploy/k8s/README.md
 * tells the operator to create, with the same keys.
 */
class SecretReferencesTests {

    private static final Pattern SCRIPT_SECRET = Pattern.compile("^secret (\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern SCRIPT_KEY = Pattern.compile("(?:^|\\s)([a-z][a-z0-9-]*)=");
    private static final Pattern README_SECRET = Pattern.compile("create secret (generic|tls) (\\S+)((?: --from-(?:literal|file)=\\S+)*)");
    private static final Pattern README_KEY = Pattern.compile("--from-literal=([\\w.-]+)=|--from-file=([\\w.-]+)");

    static Iterable<Manifests.Render> renders() {
        return Manifests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyConfigMapKeyReadIsInTheConfigMap(Manifests.Render render) {
        for (JsonNode ref : render.objects().stream().flatMap(o -> o.findValues("configMapKeyRef").stream()).toList()) {
            JsonNode data = render.get("ConfigMap", ref.path("name").asText()).path("data");
            assertThat(data.has(ref.path("key").asText())).as("%s: ConfigMap %s key %s", render, ref.path("name").asText(),
                    ref.path("key").asText()).isTrue();
        }
    }

    @Test
    void theLocalOverlayReadsExactlyTheSecretsCreateSecretsMakes() throws IOException {
        String script = Files.readString(Manifests.ROOT.resolve("overlays/local/create-secrets.sh"));
        Set<String> made = new TreeSet<>();
        Matcher secret = SCRIPT_SECRET.matcher(script.replace("\\\n", " "));
        while (secret.find()) {
            Matcher key = SCRIPT_KEY.matcher(secret.group(2));
            while (key.find()) {
                made.add(secret.group(1) + "/" + key.group(1));
            }
        }

        assertThat(made).contains("creatio-credentials/client-secret", "sync-api-db/password");
        assertThat(secretKeysRead(Manifests.overlay("local"))).isEqualTo(made);
        assertThat(script).contains("create configmap nia-realm");
    }

    @Test
    void productionReadsOnlySecretsTheReadmeCreates() throws IOException {
        String readme = Files.readString(Manifests.ROOT.resolve("README.md"));
        Set<String> created = new TreeSet<>();
        Matcher secret = README_SECRET.matcher(readme);
        while (secret.find()) {
            if (secret.group(1).equals("tls")) {
                created.add(secret.group(2) + "/tls.crt");
                created.add(secret.group(2) + "/tls.key");
            }
            Matcher key = README_KEY.matcher(secret.group(3));
            while (key.find()) {
                created.add(secret.group(2) + "/" + (key.group(1) != null ? key.group(1) : Path.of(key.group(2)).getFileName()));
            }
        }
        Manifests.Render production = Manifests.overlay("production");
        Set<String> read = secretKeysRead(production);
        production.ofKind("Ingress").flatMap(i -> i.path("spec").path("tls").findValues("secretName").stream())
                .forEach(name -> read.addAll(Set.of(name.asText() + "/tls.crt", name.asText() + "/tls.key")));
        production.objects().stream().flatMap(o -> o.findValues("secret").stream())
                .forEach(volume -> read.add(volume.path("secretName").asText() + "/client.properties"));

        assertThat(created).contains("creatio-credentials/client-secret", "crm-sync-tls/tls.key", "kafka-client-config/client.properties");
        assertThat(read).isEqualTo(created);
    }

    /** name/key of every secretKeyRef in a render. */
    private static Set<String> secretKeysRead(Manifests.Render render) {
        Set<String> read = new TreeSet<>();
        render.objects().stream().flatMap(o -> o.findValues("secretKeyRef").stream())
                .forEach(ref -> read.add(ref.path("name").asText() + "/" + ref.path("key").asText()));
        return read;
    }
}
