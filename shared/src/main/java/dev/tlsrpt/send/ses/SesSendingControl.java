package dev.tlsrpt.send.ses;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetResponse;

/**
 * Pauses and resumes report e-mails by switching the reports' SES configuration set
 * ({@code PutConfigurationSetSendingOptions}), and reads back where sending stands. While paused, SES
 * answers each send with {@code SendingPausedException}, which the worker retries ({@link SesFailures}):
 * reports wait, they are not failed, until the 24-hour retry window runs out.
 */
public final class SesSendingControl {
    private final SesV2Client ses;
    private final String configurationSet;

    public SesSendingControl(SesV2Client ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    public String configurationSet() {
        return configurationSet;
    }

    public void pause() {
        setSendingEnabled(false);
    }

    public void resume() {
        setSendingEnabled(true);
    }

    private void setSendingEnabled(boolean enabled) {
        ses.putConfigurationSetSendingOptions(r -> r.configurationSetName(configurationSet).sendingEnabled(enabled));
    }

    /** The configuration set's switch and reputation settings, and the account's sending state. */
    public SendingStatus status() {
        GetConfigurationSetResponse set = ses.getConfigurationSet(r -> r.configurationSetName(configurationSet));
        GetAccountResponse account = ses.getAccount(r -> { });
        boolean setEnabled = set.sendingOptions() == null || !Boolean.FALSE.equals(set.sendingOptions().sendingEnabled());
        Boolean reputationMetrics = set.reputationOptions() == null ? null : set.reputationOptions().reputationMetricsEnabled();
        return new SendingStatus(configurationSet, setEnabled, reputationMetrics,
                account.sendingEnabled(), account.enforcementStatus(), account.productionAccessEnabled());
    }

    /**
     * @param reputationMetrics   whether SES publishes the set's bounce and complaint rates (null: unknown)
     * @param accountSending      whether the account may send at all (null: unknown)
     * @param enforcementStatus   SES's review of the account: HEALTHY, PROBATION or SHUTDOWN (null: unknown)
     * @param productionAccess    false while the account is in the SES sandbox (null: unknown)
     */
    public record SendingStatus(String configurationSet, boolean configurationSetSending, Boolean reputationMetrics,
                                Boolean accountSending, String enforcementStatus, Boolean productionAccess) {
        /** Reports go out only when both the account and the configuration set send. */
        public boolean sending() {
            return configurationSetSending && !Boolean.FALSE.equals(accountSending);
        }
    }
}
