package org.tradeoffs.command.cycle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ETags;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;

import java.util.UUID;

@RestController
public class CycleCommands {

    private final CommandSender sender;
    private final DistrictDirectory directory;
    private final ReadLinks links;

    public CycleCommands(CommandSender sender, DistrictDirectory directory, ReadLinks links) {
        this.sender = sender;
        this.directory = directory;
        this.links = links;
    }

    public record OpenCycleRequest(@NotBlank @Size(max = 100) String name) {
    }

    @PostMapping("/api/districts/{districtId}/cycles")
    public ResponseEntity<WriteReceipt> open(@PathVariable String districtId, @Valid @RequestBody OpenCycleRequest request,
                                             Authentication caller) {
        Actor actor = directory.actorIn(districtId, caller.getName(), CommandSender.isAdmin(caller));
        String cycleId = UUID.randomUUID().toString();
        WriteReceipt receipt = sender.send(new OpenPlanningCycle(cycleId, districtId, request.name().strip(), actor),
                cycleId);
        return ResponseEntity.created(links.to("/api/cycles/" + cycleId)).eTag(ETags.of(receipt.version()))
                .body(receipt);
    }
}
