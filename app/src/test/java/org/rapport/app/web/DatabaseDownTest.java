package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/** A failure is "the database is away" however it was wrapped, and only then. */
class DatabaseDownTest {
    @Test
    void aRollbackThatFailedOnTheBrokenConnectionStillSaysTheDatabaseIsAway() {
        // what Spring Session's look-up threw in RestartIT when the server died under it: the rollback failed too
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error", new SQLException("An I/O error", "08006")));
        assertThat(DatabaseDown.causedBy(rollback)).isTrue();
    }

    @Test
    void aRollbackAfterAnOrdinaryFailureIsNot() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseDown.causedBy(rollback)).isFalse();
        assertThat(DatabaseDown.causedBy(new IllegalStateException("a bug"))).isFalse();
    }
}
