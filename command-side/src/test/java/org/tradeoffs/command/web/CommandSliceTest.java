package org.tradeoffs.command.web;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.events.district.Role;

import java.util.Set;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * What the command-side controller slice tests share: the mocked command sender and district
 * directory, a caller who is a member of the test cycle's district, and requests checked against the
 * frontend contract.
 */
public abstract class CommandSliceTest {

    protected static final String CYCLE = "5d1c2a7e-8f61-4c0b-b1c4-5a2e9f3d7b21";
    protected static final String DISTRICT = "0b6f0e0e-3c8f-4a55-9d0e-6d1f7c1f2a10";

    @Autowired
    protected MockMvc mvc;
    @MockitoBean
    protected CommandSender sender;
    @MockitoBean
    protected DistrictDirectory directory;

    /** The caller holds {@code role} in the district of {@link #CYCLE}. */
    protected Actor isMember(String username, Role role) {
        Actor actor = new Actor(username, false, Set.of(role));
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), eq(username), anyBoolean())).thenReturn(actor);
        return actor;
    }

    protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String user,
                                                        String body) {
        return request.with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    protected MvcResult perform(String method, String template, int status, MockHttpServletRequestBuilder request)
            throws Exception {
        return ContractChecks.perform(mvc, method, template, status, request);
    }

    protected static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }
}
