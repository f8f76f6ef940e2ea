package org.tradeoffs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.query.TestMongo;

/**
 * {@link AuditChainContract} on the embedded store users run by default (mongo-java-server with its H2 file and our
 * changes: the index that finds a district's commits and seals, the fields a pass includes), tampering included.
 */
class AuditChainOnEmbeddedStoreTest extends AuditChainContract {

    @RegisterExtension
    static final TestMongo EMBEDDED = TestMongo.embedded();

    @DynamicPropertySource
    static void embeddedStore(DynamicPropertyRegistry properties) {
        EMBEDDED.register(properties);
    }

    @Value("${tradeoffs.mongodb.uri}")
    String uri;

    @Test
    void runsOnTheEmbeddedStore() {
        assertThat(uri).isEqualTo(EMBEDDED.uri());
    }
}
