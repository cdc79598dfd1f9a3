package uk.cpis.fhir.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The development signing key: an EC P-256 key pair made on first start in the data directory (never in git),
 * trusted by the embedded default so a newcomer can mint a token and call the server in a minute.
 */
public final class DevelopmentSigningKey {

    static final String FILE = "access/development-signing-key.jwk.json";

    private DevelopmentSigningKey() {}

    /** The key in {@code dataDirectory}, created there first if absent. */
    public static ECKey loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the development signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Unusable development signing key " + file, e);
        }
    }
}
