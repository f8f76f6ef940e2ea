package org.tradeoffs.query.live;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Who subscribed to a destination on this instance, as Spring's simple broker registered it (what the guard let
 * through): the live feed and the presence feed build frames only for destinations someone here follows.
 */
@Component
public class BrokerSubscriptions {

    private final SubscriptionRegistry registry;

    public BrokerSubscriptions(@Qualifier("simpleBrokerMessageHandler") AbstractBrokerMessageHandler broker) {
        if (!(broker instanceof SimpleBrokerMessageHandler simple)) {
            throw new IllegalStateException("The live feeds need Spring's simple broker, not " + broker);
        }
        this.registry = simple.getSubscriptionRegistry();
    }

    /** The subscription ids of the destination, by session; empty when nobody here subscribed to it. */
    public MultiValueMap<String, String> of(String destination) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(destination);
        return registry.findSubscriptions(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()));
    }

    /** Whether anybody on this instance subscribed to the destination. */
    public boolean any(String destination) {
        return !of(destination).isEmpty();
    }
}
