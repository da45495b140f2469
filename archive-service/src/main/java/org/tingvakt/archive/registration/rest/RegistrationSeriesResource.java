package org.tingvakt.archive.registration.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.registration.RegistrationRegisters;
import org.tingvakt.archive.registration.RegistrationSeries;
import org.tingvakt.security.Roles;

/** Organisations' registration series (diarium, journal) and which accounts number into them. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api")
@Tag(name = "Registration series")
public class RegistrationSeriesResource {
    private final RegistrationRegisters registers;
    private final SecurityIdentity identity;

    public RegistrationSeriesResource(RegistrationRegisters registers, SecurityIdentity identity) {
        this.registers = registers;
        this.identity = identity;
    }

    /** A series: its organisation (and unit), name, number pattern and whether numbers restart each year. */
    public record SeriesBody(
            @NotBlank @Size(max = 200) String organisationId,
            @Size(max = 200) String unit,
            @Size(max = 200) String name,
            @NotBlank @Size(max = 64) String pattern,
            Boolean restartYearly) {}

    /** The organisation an account belongs to and the series it registers into (none: numbers per account). */
    public record AccountRegisterBody(
            @NotBlank @Size(max = 200) String organisationId,
            @Size(max = 100) String seriesId) {}

    @GET
    @Path("/registration-series")
    @Operation(summary = "All registration series, by organisation")
    public List<RegistrationSeries> list() {
        return registers.series();
    }

    @PUT
    @Path("/registration-series/{seriesId}")
    @Operation(
            summary = "Create or change a registration series of an organisation: pattern such as "
                    + "'KS {year}/{number}', '{year}-{number:6}' or '{yy}/{number:5}', restart each year or not")
    public RegistrationSeries put(
            @PathParam("seriesId") @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String seriesId,
            @Valid @NotNull SeriesBody body) {
        return registers.defineSeries(
                seriesId,
                body.organisationId(),
                body.unit(),
                body.name(),
                body.pattern(),
                body.restartYearly() == null || body.restartYearly(),
                identity.getPrincipal().getName());
    }

    @PUT
    @Path("/accounts/{accountId}/register")
    @Operation(
            summary = "Put an account under its organisation and the series it registers into; every account of "
                    + "the series shares its numbers")
    public AccountRule assign(
            @PathParam("accountId") @Size(max = 200) String accountId, @Valid @NotNull AccountRegisterBody body) {
        return registers.assign(
                accountId,
                body.organisationId(),
                body.seriesId(),
                identity.getPrincipal().getName());
    }
}
