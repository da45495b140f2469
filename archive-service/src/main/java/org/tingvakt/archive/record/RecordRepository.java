package org.tingvakt.archive.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.tingvakt.archive.search.RecordSearch;
import org.tingvakt.problem.ProblemException;

/** The queries that read archive records: one by id, and a page of search results in the search's order. */
@ApplicationScoped
public class RecordRepository {
    private final DataSource dataSource;

    public RecordRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page of records found, in the order the search ranked them; {@code next} resumes after the last one. */
    public record Found(List<ArchiveRecord> records, boolean hasMore, Optional<RecordSearch.Cursor> next) {}

    /**
     * The record, or a 404 problem.
     *
     * @throws ProblemException 404 when there is no such record
     */
    public ArchiveRecord find(UUID id) {
        return ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
    }

    /** Runs a search and loads the records it found (one query for the ids, one for the records). */
    @Transactional
    public Found search(RecordSearch.Criteria criteria) {
        RecordSearch.Page page;
        try (Connection c = dataSource.getConnection()) {
            page = RecordSearch.run(c, criteria);
        } catch (SQLException e) {
            throw new IllegalStateException("search failed", e);
        }
        Map<UUID, ArchiveRecord> byId = page.ids().isEmpty()
                ? Map.of()
                : ArchiveRecord.<ArchiveRecord>list("id in ?1", page.ids()).stream()
                        .collect(Collectors.toMap(r -> r.id, Function.identity()));
        List<ArchiveRecord> records =
                page.ids().stream().map(byId::get).filter(Objects::nonNull).toList();
        return new Found(records, page.hasMore(), page.next());
    }
}
