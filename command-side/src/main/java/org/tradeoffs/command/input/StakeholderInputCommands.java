package org.tradeoffs.command.input;

import jakarta.validation.Valid;
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
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.Today;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.input.StakeholderGroup;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/cycles/{cycleId}/stakeholder-inputs")
public class StakeholderInputCommands {

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final Today today;
    private final ReadLinks links;

    public StakeholderInputCommands(CommandSender sender, DistrictDirectory directory, Today today, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.today = today;
        this.links = links;
    }

    public record LinkRequest(@NotNull InputLink.Kind kind, @NotBlank String id, @NotNull Stance stance) {

        InputLink link() {
            return new InputLink(kind, id.strip(), stance);
        }
    }

    /** What the input says; there is deliberately no field for anyone's contact data. */
    public record InputRequest(
            @NotNull StakeholderGroup group,
            @NotNull InputChannel channel,
            @NotNull LocalDate receivedOn,
            @NotBlank @Size(max = 2000) String summary,
            @NotNull @Min(1) Integer respondents,
            @Size(max = 50) List<@NotNull @Valid LinkRequest> links,
            @Size(max = 20) List<@NotBlank @Size(max = 60) String> themes) {
    }

    public record CorrectionRequest(
            @NotNull StakeholderGroup group,
            @NotNull InputChannel channel,
            @NotNull LocalDate receivedOn,
            @NotBlank @Size(max = 2000) String summary,
            @NotNull @Min(1) Integer respondents,
            @Size(max = 50) List<@NotNull @Valid LinkRequest> links,
            @NotBlank @Size(max = 2000) String reason) {
    }

    public record ThemesRequest(@NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 60) String> themes) {
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> record(@PathVariable String cycleId, @Valid @RequestBody InputRequest request,
                                               Authentication caller) {
        InputContent content = content(request.group(), request.channel(), request.receivedOn(), request.summary(),
                request.respondents(), request.links());
        String districtId = directory.districtOfCycle(cycleId);
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        String inputId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new RecordStakeholderInput(inputId, cycleId, districtId, content,
                request.themes() == null ? List.of() : List.copyOf(request.themes()), actor), inputId);
        return ResponseEntity.created(links.to("/api/cycles/" + cycleId + "/stakeholder-inputs/" + inputId))
                .eTag(ETags.of(receipt.version())).body(receipt);
    }

    @PutMapping("/{inputId}")
    public ResponseEntity<WriteReceipt> correct(@PathVariable String cycleId, @PathVariable String inputId,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody CorrectionRequest request, Authentication caller) {
        InputContent content = content(request.group(), request.channel(), request.receivedOn(), request.summary(),
                request.respondents(), request.links());
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new CorrectStakeholderInput(inputId, cycleId, content, request.reason().strip(),
                ETags.versionOf(ifMatch), actor), inputId));
    }

    @PostMapping("/{inputId}/themes")
    public ResponseEntity<WriteReceipt> tag(@PathVariable String cycleId, @PathVariable String inputId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ThemesRequest request, Authentication caller) {
        Actor actor = actorFor(cycleId, caller);
        return ok(sender.send(new TagStakeholderInput(inputId, cycleId, List.copyOf(request.themes()),
                ETags.versionOf(ifMatch), actor), inputId));
    }

    private InputContent content(StakeholderGroup group, InputChannel channel, LocalDate receivedOn, String summary,
                                 int respondents, List<LinkRequest> links) {
        LocalDate latest = today.date();
        if (receivedOn.isAfter(latest)) {
            throw new InvalidField("receivedOn", "must not be after today (" + latest + ")");
        }
        List<InputLink> linked = links == null ? List.of()
                : links.stream().map(LinkRequest::link).distinct().toList();
        return new InputContent(group, channel, receivedOn, summary.strip(), respondents, linked);
    }

    private Actor actorFor(String cycleId, Authentication caller) {
        return directory.actorIn(directory.districtOfCycle(cycleId), caller.getName(), CommandSender.isAdmin(caller));
    }

    private static ResponseEntity<WriteReceipt> ok(WriteReceipt receipt) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(receipt.version())).body(receipt);
    }
}
