package org.tradeoffs.command.priority;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.ClosedObject;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.PreconditionRequired;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;

import java.math.BigDecimal;
import java.util.UUID;

@RestController
@RequestMapping("/api/cycles/{cycleId}/priorities")
public class PriorityCommands {

    private static final int MAX_INTEGER_DIGITS = 12;

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final ReadLinks links;

    public PriorityCommands(CommandSender sender, DistrictDirectory directory, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.links = links;
    }

    /**
     * A priority's details as a client states them. The cost comes either split ({@code cost}) or as the
     * shorthand {@code estimatedAnnualCost}, one amount of which nothing is attributed yet (all unallocated);
     * exactly one of the two. The limits of a single amount apply to the split's total.
     */
    public record PriorityRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 4000) String theoryOfAction,
            @NotNull Fundability fundability,
            @Valid CostRequest cost,
            @DecimalMin("0") @Digits(integer = MAX_INTEGER_DIGITS, fraction = 2) BigDecimal estimatedAnnualCost,
            @Size(max = 200) String lcapGoal) {

        PriorityDetails details() {
            return new PriorityDetails(title.strip(), description == null ? "" : description.strip(),
                    theoryOfAction.strip(), fundability, costSplit(),
                    lcapGoal == null || lcapGoal.isBlank() ? null : lcapGoal.strip());
        }

        private CostSplit costSplit() {
            if (cost != null && estimatedAnnualCost != null) {
                throw new InvalidField("cost", "must not be sent together with estimatedAnnualCost, its shorthand "
                        + "for a cost that is all unallocated");
            }
            if (cost == null && estimatedAnnualCost == null) {
                throw new InvalidField("cost", "must be sent (or estimatedAnnualCost for a cost that is all unallocated)");
            }
            CostSplit split = cost != null ? cost.split() : CostSplit.allUnallocated(estimatedAnnualCost);
            BigDecimal total = split.total();
            if (total.precision() - total.scale() > MAX_INTEGER_DIGITS) {
                throw new InvalidField("cost", "total must have at most " + MAX_INTEGER_DIGITS + " digits before the "
                        + "decimal point");
            }
            return split;
        }
    }

    /** What a priority costs per year, by what the money pays for: exact USD, each zero or more; no other field. */
    @ClosedObject
    public record CostRequest(
            @NotNull @DecimalMin("0") @Digits(integer = MAX_INTEGER_DIGITS, fraction = 2) BigDecimal staff,
            @NotNull @DecimalMin("0") @Digits(integer = MAX_INTEGER_DIGITS, fraction = 2) BigDecimal services,
            @NotNull @DecimalMin("0") @Digits(integer = MAX_INTEGER_DIGITS, fraction = 2) BigDecimal materials,
            @NotNull @DecimalMin("0") @Digits(integer = MAX_INTEGER_DIGITS, fraction = 2) BigDecimal unallocated) {

        CostSplit split() {
            return new CostSplit(staff, services, materials, unallocated);
        }
    }

    public record WithdrawalRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record DecisionRequest(@NotNull DecidePriority.Outcome outcome, @NotBlank @Size(max = 4000) String rationale) {
    }

    public record ReopeningRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> propose(@PathVariable String cycleId, @Valid @RequestBody PriorityRequest request,
                                                Authentication caller) {
        String districtId = directory.districtOfCycle(cycleId);
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        String priorityId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(
                new ProposePriority(priorityId, cycleId, districtId, request.details(), actor), priorityId);
        return withETag(ResponseEntity.created(links.to("/api/cycles/" + cycleId + "/priorities/" + priorityId)),
                receipt);
    }

    @PutMapping("/{priorityId}")
    public ResponseEntity<WriteReceipt> revise(@PathVariable String cycleId, @PathVariable String priorityId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody PriorityRequest request, Authentication caller) {
        Long expected = ETags.versionOf(ifMatch);
        if (expected == null) {
            throw new PreconditionRequired("Send If-Match with the version you revised, e.g. If-Match: \"1\"");
        }
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new RevisePriority(priorityId, cycleId, request.details(), expected, actor), priorityId));
    }

    @PostMapping("/{priorityId}/withdrawal")
    public ResponseEntity<WriteReceipt> withdraw(@PathVariable String cycleId, @PathVariable String priorityId,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody WithdrawalRequest request, Authentication caller) {
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new WithdrawPriority(priorityId, cycleId, request.reason().strip(),
                ETags.versionOf(ifMatch), actor), priorityId));
    }

    @PostMapping("/{priorityId}/decision")
    public ResponseEntity<WriteReceipt> decide(@PathVariable String cycleId, @PathVariable String priorityId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody DecisionRequest request, Authentication caller) {
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new DecidePriority(priorityId, cycleId, request.outcome(), request.rationale().strip(),
                ETags.versionOf(ifMatch), actor), priorityId));
    }

    @PostMapping("/{priorityId}/reopening")
    public ResponseEntity<WriteReceipt> reopen(@PathVariable String cycleId, @PathVariable String priorityId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ReopeningRequest request, Authentication caller) {
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new ReopenPriority(priorityId, cycleId, request.reason().strip(),
                ETags.versionOf(ifMatch), actor), priorityId));
    }

    private Actor actorFor(String cycleId, Authentication caller) {
        return directory.actorIn(directory.districtOfCycle(cycleId), caller.getName(), CommandSender.isAdmin(caller));
    }

    private static ResponseEntity<WriteReceipt> ok(WriteReceipt receipt) {
        return withETag(ResponseEntity.status(HttpStatus.OK), receipt);
    }

    private static ResponseEntity<WriteReceipt> withETag(ResponseEntity.BodyBuilder response, WriteReceipt receipt) {
        return response.eTag(ETags.of(receipt.version())).body(receipt);
    }
}
