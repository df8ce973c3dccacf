package org.rapport.app.school;

/**
 * The roster's question "does this account hold anything private to its person?" (pupils' answers or comments
 * about them, held or stored, in any window; results kept of them once raw answers were deleted; their own view,
 * goals, replies to classes, report shares), answered by a feature above the school that can see all of it
 * (people.OwnResults), so that the school needs none of them. Such an account keeps the e-mail address it had when
 * its results came in: a roster never moves it to another mailbox (docs/SECURITY.md).
 */
public interface PrivateResults {

    /** Whether the account holds anything private to its person; {@code networkId}: its network. */
    boolean held(long networkId, long staffId);

    /** Whether any answerer says the account holds something private; fails closed: with no answerer, it does. */
    static boolean heldBy(org.springframework.beans.factory.ObjectProvider<PrivateResults> answerers, long networkId, long staffId) {
        java.util.List<PrivateResults> answers = answerers.orderedStream().toList();
        return answers.isEmpty() || answers.stream().anyMatch(p -> p.held(networkId, staffId));
    }
}
