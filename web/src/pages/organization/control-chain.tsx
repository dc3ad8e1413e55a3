import type { Schemas } from '../../api/client';
import { countryLabel } from '../../countries';
import { useI18n, type Lang } from '../../i18n';
import { Link } from '../../router';
import { Badge } from '../../ui';

type Chain = Schemas['ControlChain'];
type ChainNode = Chain['nodes'][number];
type ChainLink = Chain['foreignControllers'][number];

/** « 30 % », « 33,3333 % » */
export const pct = (n: number, lang: Lang): string => `${new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 4 }).format(n)} %`;

/**
 * The control chain as a tree (GET /organizations/{id}/control-chain, computed by the risk engine's code): the
 * organization, its shareholders, and up through those that are registered organizations. Holders on a chain
 * that the foreign-investment rule screens are highlighted: outside the EU/EEA in red, foreign EU/EEA in amber.
 */
export function ControlChainView({ chain, linkOrgs }: { chain: Chain; linkOrgs: boolean }) {
  const { t, lang } = useI18n();
  const children = new Map<string | null, ChainNode[]>();
  for (const n of chain.nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  // Inside a sentence: "Redwood Partners LLC (US — United States, outside the EU/EEA)", separated as each language does.
  const linkText = (l: ChainLink) => `${l.name} (${countryLabel(l.country, lang)}, ${t(l.nonEuEea ? 'org.nonEuEeaInline' : 'org.euEea')})`;
  const listSep = lang === 'fr' ? ' ; ' : '; ';
  const nonEuControl = chain.foreignControllers.some((l) => l.nonEuEea);

  const renderNodes = (parentId: string | null) => {
    const list = children.get(parentId);
    if (!list?.length) return null;
    return (
      <ul className="chain-tree-level">
        {list.map((n) => (
          <li key={n.id} className={`chain-node${n.screened && n.nonEuEea ? ' chain-node-alert' : n.screened && n.foreign ? ' chain-node-warn' : ''}`}>
            <div className="chain-node-row" data-node-id={n.id}>
              <span className="chain-pct" title={t('org.votingRights')}>
                {pct(n.votingRightsPct, lang)}
              </span>
              <span className="chain-name">
                {n.organizationId && linkOrgs && !n.unresolved ? <Link to={`/organizations/${n.organizationId}`}>{n.name}</Link> : n.name}
              </span>
              <span className="chain-country">{countryLabel(n.country, lang)}</span>
              <span className="chain-badges">
                {n.controlling && <Badge tone="info">{t('org.control')}</Badge>}
                {n.nonEuEea ? (
                  <Badge tone={n.screened ? 'danger' : 'neutral'}>{t('org.nonEuEea')}</Badge>
                ) : n.foreign ? (
                  <Badge tone={n.screened ? 'warn' : 'neutral'}>{t('org.foreignEu')}</Badge>
                ) : null}
                {n.naturalPerson && <Badge tone="neutral">{t('org.naturalPerson')}</Badge>}
                {n.unresolved && <Badge tone="warn">{t('org.unresolved')}</Badge>}
                {n.cycle && <Badge tone="warn">{t('org.cycle')}</Badge>}
                {n.truncated && <Badge tone="neutral">{t('org.truncatedNode')}</Badge>}
              </span>
            </div>
            {renderNodes(n.id)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <div className="chain">
      {chain.foreignControllers.length > 0 ? (
        <div className={`notice ${nonEuControl ? 'notice-error' : 'notice-warn'}`}>
          <p>
            <strong>{t('org.foreignControl')}</strong> {chain.foreignControllers.map(linkText).join(listSep)}
          </p>
        </div>
      ) : null}
      {chain.iefFindings.map((f) => (
        <div key={f.shareholderName} className="notice notice-warn">
          <p>
            <strong>{t('org.iefTitle', { name: f.shareholderName, pct: pct(f.votingRightsPct, lang) })}</strong>{' '}
            {f.basis.includes('control') ? t('org.iefControl') : t('org.iefThreshold', { threshold: pct(chain.thresholdPct, lang) })}{' '}
            {t('org.iefInvestors', { n: f.foreignInvestors.length, list: f.foreignInvestors.map(linkText).join(listSep) })}
          </p>
          <p className="small">{t('org.iefNote')}</p>
        </div>
      ))}
      {chain.foreignControllers.length === 0 && chain.iefFindings.length === 0 && chain.nodes.some((n) => n.foreign) === false ? (
        <p className="notice notice-ok">{t('org.noForeign')}</p>
      ) : null}
      {chain.unresolved.length > 0 && <p className="notice notice-warn">{t('org.unresolvedNotice', { n: chain.unresolved.length })}</p>}
      {chain.truncated && <p className="notice notice-info">{t('org.truncated')}</p>}
      {chain.nodes.length === 0 ? (
        <p className="empty">{t('org.noShareholders')}</p>
      ) : (
        <div className="chain-tree" role="group" aria-label={t('org.chainTree')}>
          <div className="chain-root">
            <strong>{chain.legalName}</strong> <span className="chain-country">{countryLabel(chain.country, lang)}</span>
            {chain.listed && <Badge tone="info">{t('org.listed')}</Badge>}
          </div>
          {renderNodes(null)}
        </div>
      )}
      <p className="muted small chain-legend">{t('org.chainLegend', { threshold: pct(chain.thresholdPct, lang) })}</p>
    </div>
  );
}
