/**
 * Designated safeguarding leads (the head by default), the network's concern phrases, comments that matched one,
 * their e-mails to the leads and escalation to the admins ({@code SafeguardingAlerts}, a job on one instance at a
 * time), the rule that no window opens without a lead (docs/SAFEGUARDING.md). What it owns and which packages it
 * may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.safeguarding;
