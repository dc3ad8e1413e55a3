import { api, type Schemas } from '../api/client';
import { countryLabel } from '../countries';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { MoreButton, usePaged } from '../use-paged';
import { Badge, Loaded, Section } from '../ui';
import { InvestorCell } from './organization/control-events';

type Event = Schemas['PoleControlEvent'];

const PAGE = 10;

/** The legal dashboard's recent control events of the whole pôle (GET /control-events, newest first, 10 at a time). */
export function RecentControlEvents() {
  const { t } = useI18n();
  const events = usePaged<Event>((cursor) => api.GET('/control-events', { params: { query: { limit: PAGE, cursor } } }), []);
  return (
    <Section id="recent-control-events" title={t('org.recentEvents')}>
      <Loaded q={events.first}>
        {() =>
          events.items.length === 0 ? (
            <p className="empty">{t('org.recentEmpty')}</p>
          ) : (
            <>
              <RecentTable events={events.items} />
              <MoreButton paged={events} label={t('org.showMore')} />
            </>
          )
        }
      </Loaded>
    </Section>
  );
}

function RecentTable({ events }: { events: Event[] }) {
  const { t, lang, date } = useI18n();
  const nf = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 4 });
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('org.eventRecorded')}</th>
            <th scope="col">{t('org.eventOrganization')}</th>
            <th scope="col">{t('org.eventOperation')}</th>
            <th scope="col">{t('org.eventInvestor')}</th>
            <th scope="col">{t('org.eventVotingRights')}</th>
            <th scope="col">{t('org.eventEffective')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{date(e.recordedAt)}</td>
              <td>
                <Link to={`/organizations/${e.organizationId}`}>{e.organization?.legalName ?? e.organizationId}</Link>
                {e.organization && <div className="muted small">{countryLabel(e.organization.country, lang)}</div>}
              </td>
              <td>
                {t(`org.kind.${e.kind}` as MessageKey)}{' '}
                <Badge tone={e.status === 'planned' ? 'warn' : 'neutral'}>{t(`org.status.${e.status}` as MessageKey)}</Badge>
              </td>
              <td>
                <InvestorCell event={e} />
              </td>
              <td className="nowrap">
                {e.votingRightsBeforePct !== undefined ? `${nf.format(e.votingRightsBeforePct)} % → ` : ''}
                <strong>{nf.format(e.votingRightsAfterPct)} %</strong>
              </td>
              <td className="nowrap">{date(e.effectiveDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
