package org.tradeoffs.eventstore.upcasting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link PriorityProposed} and {@link PriorityRevised} stored at version 1 as version 2: the details'
 * single {@code estimatedAnnualCost} becomes a {@link CostSplit} {@code cost} with the whole amount
 * {@code unallocated} (version 1 never said how the cost splits) and zeros of the amount's scale for
 * staff, services and materials.
 *
 * <p>It works on the payload's JSON text, the form the event store keeps it in, and reads and writes numbers
 * exactly: Jackson's trees strip trailing zeros by default, which would turn a stored {@code 1250000.00}
 * into {@code 1.25E+6}. Only what is read changes; the stored text, which the audit chain hashes, stays as it is.
 */
public class PriorityCostSplitUpcaster extends SingleEventUpcaster {

    static final String FROM_REVISION = "1";
    static final String TO_REVISION = "2";

    private static final Set<String> TYPES = Set.of(PriorityProposed.class.getName(), PriorityRevised.class.getName());
    private static final ObjectMapper EXACT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        // an event stored without a revision predates @EventVersion and is version 1 too
        return TYPES.contains(type.getName())
                && (type.getRevision() == null || FROM_REVISION.equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), TO_REVISION), String.class,
                PriorityCostSplitUpcaster::toVersion2);
    }

    /** The version 2 JSON of a version 1 payload; everything but the cost is kept as stored, in its order. */
    static String toVersion2(String version1) {
        try {
            JsonNode event = EXACT_JSON.readTree(version1);
            if (event instanceof ObjectNode object && object.get("details") instanceof ObjectNode details) {
                object.set("details", withCostSplit(details));
            }
            return EXACT_JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Stored priority event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode withCostSplit(ObjectNode details) {
        ObjectNode upcast = EXACT_JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : details.properties()) {
            if (field.getKey().equals("estimatedAnnualCost")) {
                upcast.set("cost", allUnallocated(field.getValue()));
            } else {
                upcast.set(field.getKey(), field.getValue());
            }
        }
        return upcast;
    }

    private static JsonNode allUnallocated(JsonNode amount) {
        if (amount == null || amount.isNull()) {
            return EXACT_JSON.nullNode();
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(amount.isNumber() ? Math.max(amount.decimalValue().scale(), 0) : 0);
        ObjectNode cost = EXACT_JSON.createObjectNode();
        cost.set("staff", DecimalNode.valueOf(zero));
        cost.set("services", DecimalNode.valueOf(zero));
        cost.set("materials", DecimalNode.valueOf(zero));
        cost.set("unallocated", amount);
        return cost;
    }
}
