package org.tradeoffs.command.tradeoff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
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
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Vote;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/cycles/{cycleId}/tradeoffs")
public class TradeoffCommands {

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final ReadLinks links;

    public TradeoffCommands(CommandSender sender, DistrictDirectory directory, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.links = links;
    }

    public record InvestmentRequest(
            @NotBlank String priorityId,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount) {

        Investment investment() {
            return new Investment(priorityId.strip(), amount);
        }
    }

    /** Money from a sized opportunity ({@code opportunityId}) or from other revenue ({@code description}). */
    public record FundingRequest(
            String opportunityId,
            @Size(max = 200) String description,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount) {

        Funding funding() {
            return new Funding(blankToNull(opportunityId), blankToNull(description), amount);
        }
    }

    public record PackageRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 8000) String narrative,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid InvestmentRequest> investments,
            @Size(max = 50) List<@NotNull @Valid FundingRequest> funding,
            @Size(max = 200) List<@NotBlank String> consideredInputs) {

        PackageContent content() {
            return new PackageContent(title.strip(), narrative == null ? "" : narrative.strip(),
                    investments.stream().map(InvestmentRequest::investment).toList(),
                    funding == null ? List.of() : funding.stream().map(FundingRequest::funding).toList(),
                    consideredInputs == null ? List.of() : consideredInputs.stream().map(String::strip).distinct().toList());
        }
    }

    public record VotingRulesRequest(@NotNull @Min(1) Integer quorum, @NotNull Majority majority) {
    }

    public record VoteRequest(@NotNull Vote vote, @Size(max = 2000) String comment) {
    }

    public record ClosingRequest(@NotBlank @Size(max = 4000) String rationale) {
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> draft(@PathVariable String cycleId, @Valid @RequestBody PackageRequest request,
                                              Authentication caller) {
        String districtId = directory.districtOfCycle(cycleId);
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        String tradeoffId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new DraftTradeoff(tradeoffId, cycleId, districtId, request.content(), actor),
                tradeoffId);
        return ResponseEntity.created(links.to("/api/cycles/" + cycleId + "/tradeoffs/" + tradeoffId))
                .eTag(ETags.of(receipt.version())).body(receipt);
    }

    @PutMapping("/{tradeoffId}")
    public ResponseEntity<WriteReceipt> revise(@PathVariable String cycleId, @PathVariable String tradeoffId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody PackageRequest request, Authentication caller) {
        return ok(sender.send(new ReviseTradeoff(tradeoffId, cycleId, request.content(), ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), tradeoffId));
    }

    @PostMapping("/{tradeoffId}/submission")
    public ResponseEntity<WriteReceipt> submit(@PathVariable String cycleId, @PathVariable String tradeoffId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody VotingRulesRequest request, Authentication caller) {
        String districtId = directory.districtOfCycle(cycleId);
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        List<String> steeringMembers = directory.holdersOf(districtId, Role.STEERING_COMMITTEE);
        return ok(sender.send(new SubmitTradeoff(tradeoffId, cycleId, request.quorum(), request.majority(),
                steeringMembers, ETags.versionOf(ifMatch), actor), tradeoffId));
    }

    @PostMapping("/{tradeoffId}/voting-rules")
    public ResponseEntity<WriteReceipt> changeRules(@PathVariable String cycleId, @PathVariable String tradeoffId,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody VotingRulesRequest request,
                                                    Authentication caller) {
        return ok(sender.send(new ChangeVotingRules(tradeoffId, cycleId, request.quorum(), request.majority(),
                ETags.versionOf(ifMatch), actorFor(cycleId, caller)), tradeoffId));
    }

    @PostMapping("/{tradeoffId}/votes")
    public ResponseEntity<WriteReceipt> vote(@PathVariable String cycleId, @PathVariable String tradeoffId,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody VoteRequest request, Authentication caller) {
        return ok(sender.send(new CastVote(tradeoffId, cycleId, request.vote(),
                request.comment() == null ? "" : request.comment().strip(), ETags.versionOf(ifMatch),
                actorFor(cycleId, caller)), tradeoffId));
    }

    @PostMapping("/{tradeoffId}/closing")
    public ResponseEntity<WriteReceipt> close(@PathVariable String cycleId, @PathVariable String tradeoffId,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody ClosingRequest request, Authentication caller) {
        return ok(sender.send(new CloseTradeoff(tradeoffId, cycleId, request.rationale().strip(),
                ETags.versionOf(ifMatch), actorFor(cycleId, caller)), tradeoffId));
    }

    private Actor actorFor(String cycleId, Authentication caller) {
        return directory.actorIn(directory.districtOfCycle(cycleId), caller.getName(), CommandSender.isAdmin(caller));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ResponseEntity<WriteReceipt> ok(WriteReceipt receipt) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(receipt.version())).body(receipt);
    }
}
