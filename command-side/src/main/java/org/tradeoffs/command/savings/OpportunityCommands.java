package org.tradeoffs.command.savings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.tradeoffs.command.common.Today;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Savings opportunities of a cycle: the district's own ones, screening, the five analysis steps and the
 * work plan. Every write answers the opportunity's version (also the ETag) and takes an optional If-Match.
 */
@RestController
@RequestMapping("/api/cycles/{cycleId}/opportunities")
public class OpportunityCommands {

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final Today today;
    private final ReadLinks links;

    public OpportunityCommands(CommandSender sender, DistrictDirectory directory, Today today, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.today = today;
        this.links = links;
    }

    public record NewOpportunityRequest(@NotNull FocusArea focusArea, @NotBlank @Size(max = 500) String question) {
    }

    public record ScreeningRequest(@NotNull ScreeningDecision decision, @NotBlank @Size(max = 2000) String reason) {
    }

    public record BudgetLineRequest(
            @NotBlank @BudgetPath String path,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal annualAmount,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal fte) {
    }

    public record CostDriverRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 40) String unit,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal quantity,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal unitCost,
            @NotNull Trend trend,
            String budgetLineId) {
    }

    public record ConstraintRequest(
            @NotNull ConstraintKind kind,
            @NotNull Boolean rigid,
            @NotBlank @Size(max = 2000) String description,
            LocalDate renegotiationDate) {
    }

    public record AdjustmentRequest(
            @NotBlank String driverId,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal conservativeQuantity,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal ambitiousQuantity,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal conservativeUnitCost,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal ambitiousUnitCost) {

        SizeOpportunity.Target target() {
            return new SizeOpportunity.Target(driverId, conservativeQuantity, ambitiousQuantity, conservativeUnitCost,
                    ambitiousUnitCost);
        }
    }

    public record SizingRequest(
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid AdjustmentRequest> adjustments,
            @NotNull @Min(1) @Max(5) Integer ease,
            @Size(max = 4000) String notes) {
    }

    public record OwnerRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username) {
    }

    public record MilestoneRequest(@NotBlank @Size(max = 200) String title, @NotNull LocalDate dueDate) {
    }

    public record CaptureRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull LocalDate capturedOn,
            @Size(max = 1000) String note) {
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> list(@PathVariable String cycleId,
                                             @Valid @RequestBody NewOpportunityRequest request, Authentication caller) {
        Actor actor = directory.actorIn(directory.districtOfCycle(cycleId), caller.getName(),
                CommandSender.isAdmin(caller));
        CommandSender.Answered<String> listed = sender.sendForAnswer(
                new ListOpportunity(cycleId, request.focusArea(), request.question().strip(), actor),
                String.class, opportunityId -> opportunityId);
        return created(cycleId, listed.answer(), listed.receipt());
    }

    @PostMapping("/{opportunityId}/screening")
    public ResponseEntity<WriteReceipt> screen(@PathVariable String cycleId, @PathVariable String opportunityId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ScreeningRequest request, Authentication caller) {
        return ok(sender.send(new ScreenOpportunity(opportunityId, cycleId, request.decision(),
                request.reason().strip(), ETags.versionOf(ifMatch), actorFor(cycleId, caller)), opportunityId));
    }

    @PostMapping("/{opportunityId}/budget-lines")
    public ResponseEntity<WriteReceipt> addBudgetLine(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody BudgetLineRequest request,
                                                      Authentication caller) {
        String budgetLineId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new AddBudgetLine(opportunityId, cycleId, budgetLineId,
                BudgetPath.Validator.segments(request.path()), request.annualAmount(), request.fte(), ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), opportunityId);
        return created(cycleId, opportunityId, naming(budgetLineId, receipt));
    }

    @PostMapping("/{opportunityId}/cost-drivers")
    public ResponseEntity<WriteReceipt> addCostDriver(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody CostDriverRequest request,
                                                      Authentication caller) {
        String driverId = UUID.randomUUID().toString();
        String budgetLineId = request.budgetLineId() == null || request.budgetLineId().isBlank() ? null
                : request.budgetLineId().strip();
        WriteReceipt receipt = sender.send(new AddCostDriver(opportunityId, cycleId, driverId, request.name().strip(),
                request.unit().strip(), request.quantity(), request.unitCost(), request.trend(), budgetLineId,
                ETags.versionOf(ifMatch), actorFor(cycleId, caller)), opportunityId);
        return created(cycleId, opportunityId, naming(driverId, receipt));
    }

    @PostMapping("/{opportunityId}/constraints")
    public ResponseEntity<WriteReceipt> recordConstraint(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody ConstraintRequest request,
                                                         Authentication caller) {
        String constraintId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new RecordConstraint(opportunityId, cycleId, constraintId, request.kind(),
                request.rigid(), request.description().strip(), request.renegotiationDate(), ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), opportunityId);
        return created(cycleId, opportunityId, naming(constraintId, receipt));
    }

    @PostMapping("/{opportunityId}/sizings")
    public ResponseEntity<SizingReceipt> size(@PathVariable String cycleId, @PathVariable String opportunityId,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody SizingRequest request, Authentication caller) {
        String sizingId = UUID.randomUUID().toString();
        List<SizeOpportunity.Target> targets = request.adjustments().stream().map(AdjustmentRequest::target).toList();
        CommandSender.Answered<SavingsEstimate> sized = sender.sendForAnswer(new SizeOpportunity(opportunityId,
                        cycleId, sizingId, targets, request.ease(), request.notes() == null ? "" : request.notes().strip(),
                        ETags.versionOf(ifMatch), actorFor(cycleId, caller)),
                SavingsEstimate.class, estimate -> opportunityId);
        WriteReceipt receipt = sized.receipt();
        return ResponseEntity.created(location(cycleId, opportunityId)).eTag(ETags.of(receipt.version()))
                .body(new SizingReceipt(sizingId, receipt.version(), receipt.position(),
                        sized.answer().low().toPlainString(), sized.answer().high().toPlainString()));
    }

    @PutMapping("/{opportunityId}/owner")
    public ResponseEntity<WriteReceipt> assignOwner(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody OwnerRequest request, Authentication caller) {
        String districtId = directory.districtOfCycle(cycleId);
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        Set<Role> ownerRoles = directory.rolesOf(districtId, request.username());
        return ok(sender.send(new AssignOwner(opportunityId, cycleId, request.username(), ownerRoles,
                ETags.versionOf(ifMatch), actor), opportunityId));
    }

    @PostMapping("/{opportunityId}/milestones")
    public ResponseEntity<WriteReceipt> addMilestone(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody MilestoneRequest request, Authentication caller) {
        String milestoneId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new AddMilestone(opportunityId, cycleId, milestoneId,
                request.title().strip(), request.dueDate(), ETags.versionOf(ifMatch), actorFor(cycleId, caller)),
                opportunityId);
        return created(cycleId, opportunityId, naming(milestoneId, receipt));
    }

    @PostMapping("/{opportunityId}/milestones/{milestoneId}/completion")
    public ResponseEntity<WriteReceipt> completeMilestone(@PathVariable String cycleId,
                                                          @PathVariable String opportunityId,
                                                          @PathVariable String milestoneId,
                                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          Authentication caller) {
        return ok(sender.send(new CompleteMilestone(opportunityId, cycleId, milestoneId, ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), opportunityId));
    }

    @PostMapping("/{opportunityId}/captures")
    public ResponseEntity<WriteReceipt> capture(@PathVariable String cycleId, @PathVariable String opportunityId,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody CaptureRequest request, Authentication caller) {
        LocalDate latest = today.date();
        if (request.capturedOn().isAfter(latest)) {
            throw new InvalidField("capturedOn", "must not be after today (" + latest + ")");
        }
        String captureId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new CaptureSavings(opportunityId, cycleId, captureId, request.amount(),
                request.capturedOn(), request.note() == null ? "" : request.note().strip(), ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), opportunityId);
        return created(cycleId, opportunityId, naming(captureId, receipt));
    }

    private Actor actorFor(String cycleId, Authentication caller) {
        return directory.actorIn(directory.districtOfCycle(cycleId), caller.getName(), CommandSender.isAdmin(caller));
    }

    /** The receipt of an opportunity write, naming the part it created. */
    private static WriteReceipt naming(String createdId, WriteReceipt receipt) {
        return new WriteReceipt(createdId, receipt.version(), receipt.position());
    }

    private URI location(String cycleId, String opportunityId) {
        return links.to("/api/cycles/" + cycleId + "/opportunities/" + opportunityId);
    }

    private ResponseEntity<WriteReceipt> created(String cycleId, String opportunityId, WriteReceipt receipt) {
        return ResponseEntity.created(location(cycleId, opportunityId)).eTag(ETags.of(receipt.version())).body(receipt);
    }

    private static ResponseEntity<WriteReceipt> ok(WriteReceipt receipt) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(receipt.version())).body(receipt);
    }
}
