package org.tradeoffs.query.audit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.query.TestMongo;

/** {@link AuditChainContract} on mongo-java-server's memory backend. */
class AuditChainTest extends AuditChainContract {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }
}
