package org.tradeoffs.command.district;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;

import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/districts")
public class DistrictCommands {

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final ReadLinks links;

    public DistrictCommands(CommandSender sender, DistrictDirectory directory, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.links = links;
    }

    public record RegisterDistrictRequest(@NotBlank @Size(max = 200) String name,
                                          @NotNull @PositiveOrZero @Max(10_000_000) Integer enrollment) {
    }

    public record AddMemberRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
                                   @NotNull Role role) {
    }

    @PostMapping
    public ResponseEntity<WriteReceipt> register(@Valid @RequestBody RegisterDistrictRequest request,
                                                 Authentication caller) {
        String districtId = UUID.randomUUID().toString();
        Actor actor = new Actor(caller.getName(), CommandSender.isAdmin(caller), Set.of());
        WriteReceipt receipt = sender.send(
                new RegisterDistrict(districtId, request.name().strip(), request.enrollment(), actor), districtId);
        return ResponseEntity.created(links.to("/api/districts/" + districtId)).eTag(ETags.of(receipt.version()))
                .body(receipt);
    }

    @PostMapping("/{districtId}/members")
    public ResponseEntity<WriteReceipt> addMember(@PathVariable String districtId,
                                                  @Valid @RequestBody AddMemberRequest request,
                                                  Authentication caller) {
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        WriteReceipt receipt = sender.send(new GrantMemberRole(districtId, request.username(), request.role(), actor),
                districtId);
        return ResponseEntity.status(receipt.position() == null ? 200 : 201).eTag(ETags.of(receipt.version()))
                .body(receipt);
    }

    @DeleteMapping("/{districtId}/members/{username}/roles/{role}")
    public ResponseEntity<WriteReceipt> removeRole(@PathVariable String districtId, @PathVariable String username,
                                                   @PathVariable Role role, Authentication caller) {
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        WriteReceipt receipt = sender.send(new RevokeMemberRole(districtId, username, role, actor), districtId);
        return ResponseEntity.ok().eTag(ETags.of(receipt.version())).body(receipt);
    }
}
