package org.rapport.app.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached (no connection within the pool's timeout,
 * a connection cut, the server shutting down or starting up), however it was wrapped on the way:
 * such a request is answered 503, never 500.
 */
public final class DatabaseDown {
    /** Set on a request by the database configuration when no connection could be had, or one broke, while serving it. */
    public static final String REQUEST_ATTRIBUTE = "org.rapport.database-unreachable";

    private DatabaseDown() {
    }

    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLException s && connectionLost(s.getSQLState())) {
                return true;
            }
            // a rollback that failed on the broken connection hides the failure that broke it
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && causedBy(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now). */
    static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
