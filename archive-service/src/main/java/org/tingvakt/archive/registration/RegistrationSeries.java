package org.tingvakt.archive.registration;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

/**
 * A registration series (diarium, journal): belongs to an organisation (or one of its units) and numbers the records of
 * every account assigned to it, uniquely and without gaps, restarting each year if configured.
 */
@Entity
@Table(name = "registration_series")
public class RegistrationSeries extends PanacheEntityBase {
    private static final String NEXT_NUMBER = """
            (SELECT COALESCE(MAX(c.last_number), 0) + 1 FROM registration_series_counter c WHERE c.series_id = id
             AND c.year = CASE WHEN restart_yearly THEN date_part('year', timezone('UTC', now())) ELSE 0 END)""";

    @Id
    public String id;

    @Column(name = "organisation_id")
    public String organisationId;

    /** The organisation's unit (department, administration) that keeps the series; null: the whole organisation. */
    public String unit;

    public String name;

    /** A {@link RegistrationNumberPattern}. */
    public String pattern;

    /** True: numbers start at 1 every year (the year of capture in the account's zone); false: one run forever. */
    @Column(name = "restart_yearly")
    public boolean restartYearly = true;

    /**
     * The number the next registration would get, read when the series is loaded (this year in UTC for a series that
     * restarts; around New Year an account's zone may already be in the other year). Read-only: the counter is taken
     * only by a registering transaction.
     */
    @Formula(NEXT_NUMBER)
    public Integer nextNumber;
}
