/**
 * `npm run bench:declarations` — saving, reading and diffing a realistic declaration on the local stack, next
 * to the raw DynamoDB round-trips a save needs (issue #3 §6), and where the 400 KB item limit would bite.
 * Budget: PUT (save) p99 ≤ 3 × the p99 of its raw DynamoDB round-trips.
 *
 * What runs: DynamoDB Local in memory, s3rver and the SES sink (temp folder), the local API server
 * (infra/local/server.ts, the same handlers as Lambda) on a free 127.0.0.1 port. Loopback only.
 * Everything is sequential (one request at a time): this measures latency, not throughput.
 *
 * The declaration: 200 background items, 50 results, 50 access rights, French text (titles ~60 characters,
 * descriptions 400–800, conditions and terms texts), valid against the draft AND the submit schema
 * (cross-field rules included). Deterministic (seeded), so every run saves the same bytes.
 *
 * Series, measured in interleaved blocks so that drift (JIT, GC) hits all of them alike:
 *   PUT  …/declarations/{orgId} with If-Match   (each save changes one title and one description: a new version)
 *   GET  …/declarations/{orgId}/versions/{n}
 *   GET  …/declarations/{orgId}/diff?from=1&to=21   (two versions 20 saves apart: 40 changed fields)
 *   raw: consistent GetItem (declaration head) + consistent GetItem (audit head) + TransactWriteItems of 4 Puts
 *        (version, head, audit event, audit head — copies of the items the route wrote, same sizes), what
 *        saveDeclarationVersion needs; also the 5 calls of load + save; GetItem of a version
 *   in-process: parseDeclarationDraft, diffDeclarations, contentHashOf, gzip / gunzip + JSON.parse
 * The route times include everything PUT does (since 5a4d46c also a risk re-evaluation of the project); the
 * number of DynamoDB calls per request is reported, so extra work shows.
 * Then: listDeclarationHeads as the version history grows; a save in a project where every partner declared;
 * one small series per storage path (inline / gzip / S3, each in a project of its own); the HTTP body limit;
 * and the size experiments (bytes per item, where the store switches to gzip and to S3, where a plain item would
 * pass 400 KB — probed against DynamoDB Local).
 *
 * Bounded: BENCH_WARMUP (default 20) + BENCH_N (default 200) iterations per series, BENCH_STORAGE_N (default 10)
 * saves per storage path, and a global time cap BENCH_MAX_SECONDS (default 300): past it, measuring stops and
 * the partial numbers are reported; 30 s later the process stops hard. The emulators are always stopped at
 * the end, also on error or Ctrl-C. A budget miss is reported, not an error: the exit code is 0 unless the
 * bench itself failed.
 * Profiling: BENCH_ONLY='<regex on series names>' runs only those series (and skips the storage paths and size
 * experiments), e.g. BENCH_ONLY='PUT declaration · route' node --openssl-legacy-provider --cpu-prof --import tsx bench/declarations.bench.ts
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { createBench, intEnv, regexEnv, selectWorkloads, warmUpAndMeasure } from './lib/bench';
import { aroundEachCommand } from './lib/ddb-meter';
import { frenchOrgBody, mulberry32, projectBody } from './lib/fixtures';
import { environmentLines } from './lib/machine';
import { rawDynamo, startApi, startStack } from './lib/stack';
import { createSamples, f2, STATS_TABLE_HEAD, type Stats } from './lib/stats';

// ───────────────────────────── configuration ─────────────────────────────

const N = intEnv('BENCH_N', 200, 10);
const WARMUP = intEnv('BENCH_WARMUP', 20, 0);
const STORAGE_N = intEnv('BENCH_STORAGE_N', 10, 1);
const BLOCK = 25;
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 300, 10);
const BUDGET_FACTOR = 3;
/** Profiling aid: only the series whose name matches this regex. */
const ONLY = regexEnv('BENCH_ONLY');
/** The realistic declaration of the issue. */
const BACKGROUND = 200;
const RESULTS = 50;
const ACCESS_RIGHTS = 50;
const DESCRIPTION: [number, number] = [400, 800];
/** The diffed pair: version 1 and version 1 + DIFF_SPAN (each save changes 2 fields). */
const DIFF_SPAN = 20;

const bench = createBench({ maxSeconds: MAX_SECONDS });
const { log, timeLeft } = bench;

const samples = createSamples();
const { record, stats } = samples;

// ───────────────────────────── test data: organizations ─────────────────────────────

const orgBody = (name: string) =>
  frenchOrgBody(`${name} SAS`, [
    { name: 'Fondateurs', country: 'FR', votingRightsPct: 70, naturalPerson: true },
    { name: 'Bpifrance Participations', country: 'FR', votingRightsPct: 30 },
  ]);

// ───────────────────────────── realistic French declaration ─────────────────────────────

/** Deterministic PRNG (mulberry32): the same seed gives the same declaration on every run. */
function rng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T>(xs: readonly T[], k: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, some };
}
type Rng = ReturnType<typeof rng>;

const W = {
  objet: [
    'Le procédé',
    'Le dispositif',
    'La méthode de calibration',
    'Le module logiciel',
    "L'architecture matérielle",
    'Le capteur',
    'Le banc de caractérisation',
    "L'algorithme d'estimation",
    'Le revêtement multicouche',
    'La chaîne de traitement du signal',
    'Le jumeau numérique',
    'Le microcontrôleur embarqué',
    'La cellule électrochimique',
    'Le protocole de test',
    'La plateforme de simulation',
    'Le réseau de neurones compact',
    "L'interféromètre fibré",
    'Le modèle thermomécanique',
    'La base de données de mesures',
    'Le connecteur haute densité',
    'Le démonstrateur',
    'Le firmware de pilotage',
  ],
  verbe: ['permet de', 'vise à', 'a pour objet de', 'est conçu pour', 'rend possible de', 'sert à', 'a été développé pour'],
  action: [
    'mesurer en continu',
    'réduire fortement',
    'estimer en temps réel',
    'détecter de manière précoce',
    'compenser',
    'caractériser finement',
    'optimiser',
    'surveiller à distance',
    'prédire',
    'qualifier',
    'localiser',
    'classer automatiquement',
    'limiter',
    'contrôler sans contact',
    'quantifier',
  ],
  chose: [
    'la dérive thermique des guides d’onde',
    'les défauts de surface des pièces usinées',
    'la consommation énergétique des bâtiments tertiaires',
    'les vibrations des structures composites',
    'la concentration de polluants dans l’air intérieur',
    'l’usure des outils de coupe',
    'la dégradation des électrodes lithium-ion',
    'les fuites sur les réseaux d’eau potable',
    'la contamination particulaire en salle blanche',
    'les pertes optiques des composants intégrés',
    'le vieillissement des joints d’étanchéité',
    'la fatigue des soudures sur cartes électroniques',
    'les anomalies de trajectoire des robots collaboratifs',
    'la teneur en humidité des granulats',
    'la position des défauts dans les câbles enterrés',
    'la biomasse microbienne des bioréacteurs',
    'les interférences radio en bande Ka',
    'la porosité des pièces issues de fabrication additive',
  ],
  contexte: [
    'dans un environnement industriel sévère',
    'en conditions de vol',
    'sur des lignes de production à cadence élevée',
    'en milieu hospitalier',
    'sur des sites isolés sans réseau',
    'à bord de véhicules autonomes',
    'dans des installations nucléaires de base',
    'en atmosphère explosive',
    'sur des infrastructures ferroviaires',
    'en laboratoire comme sur le terrain',
    'dans des serres agricoles instrumentées',
    'sur des éoliennes en mer',
  ],
  perf: [
    'avec une précision inférieure à {n} µm',
    'avec un gain de {p} % par rapport à l’état de l’art',
    'pour un coût unitaire divisé par {k}',
    'avec une latence de {n} ms',
    'avec une sensibilité de {n} ppm',
    'sur une plage de température de −{n} °C à +{m} °C',
    'avec une autonomie de {n} jours',
    'avec un taux de faux positifs inférieur à {p} %',
    'à une cadence de {n} pièces par minute',
  ],
  labo: [
    'LETI',
    'LAAS-CNRS',
    'Institut Fresnel',
    'FEMTO-ST',
    'IMS Bordeaux',
    'ICube',
    'LIRMM',
    'IEMN',
    'Institut Néel',
    'LGP2',
    'INL',
    'C2N',
    'LIST',
    'Pprime',
  ],
  financement: [
    'un projet FUI',
    'l’appel à projets France 2030 « Capteurs »',
    'un programme ANR JCJC',
    'une aide Bpifrance à l’innovation',
    'un contrat européen Horizon Europe',
    'le PSPC « Industrie du futur »',
    'des fonds propres de l’entreprise',
    'la région Auvergne-Rhône-Alpes',
  ],
  langage: ['C++', 'Rust', 'Python', 'C', 'VHDL', 'Julia', 'Java', 'TypeScript'],
  bibli: ['OpenCV', 'PyTorch', 'Eigen', 'FreeRTOS', 'Zephyr', 'ROS 2', 'ONNX Runtime', 'PETSc', 'Qt', 'GStreamer'],
  qualif: [
    'basse consommation',
    'à haute résolution',
    'auto-calibrant',
    'miniaturisé',
    'tolérant aux pannes',
    'à faible coût',
    'reconfigurable',
    'sans fil',
    'multi-échelle',
    'bas bruit',
  ],
  nom: [
    'Capteur photonique',
    'Procédé de dépôt',
    'Algorithme de détection',
    'Module de puissance',
    'Architecture de contrôle',
    'Interface homme-machine',
    'Méthode de fusion de données',
    'Système de refroidissement',
    'Micro-batterie',
    'Plateforme d’essais',
    'Outil de diagnostic',
    'Antenne réseau',
    'Logiciel de supervision',
    'Matériau composite',
    'Procédé de recyclage',
    'Banc optique',
    'Chaîne de mesure',
    'Carte d’acquisition',
  ],
  complement: [
    'pour la maintenance prédictive',
    'pour la surveillance de structures',
    'pour l’imagerie hyperspectrale',
    'pour le contrôle qualité en ligne',
    'pour l’agriculture de précision',
    'pour les réseaux de chaleur',
    'pour la mobilité électrique',
    'pour les dispositifs médicaux implantables',
    'pour le stockage stationnaire',
    'pour la détection de gaz',
    'pour l’usine 4.0',
    'pour les satellites en orbite basse',
  ],
};

const SENTENCES: ((r: Rng) => string)[] = [
  (r) => `${r.pick(W.objet)} ${r.pick(W.verbe)} ${r.pick(W.action)} ${r.pick(W.chose)} ${r.pick(W.contexte)}.`,
  (r) =>
    `Il ${r.pick(['atteint', 'offre', 'garantit', 'démontre'])} des performances ${r.pick(W.perf)}`
      .replace('{n}', String(r.int(2, 900)))
      .replace('{m}', String(r.int(40, 200)))
      .replace('{p}', String(r.int(2, 60)))
      .replace('{k}', String(r.int(2, 12))) + '.',
  (r) =>
    `Les travaux ont été menés entre ${r.int(2008, 2018)} et ${r.int(2019, 2025)} au sein du laboratoire ${r.pick(W.labo)}, avec ${r.int(2, 14)} campagnes d’essais.`,
  (r) => `Les développements ont été financés en partie par ${r.pick(W.financement)} et ont donné lieu à ${r.int(1, 9)} publications.`,
  (r) =>
    `Le code source comprend environ ${r.int(4, 250)} 000 lignes en ${r.pick(W.langage)} et s’appuie sur ${r.pick(W.bibli)} (licence ${r.pick(['BSD', 'MIT', 'Apache 2.0', 'LGPL', 'MPL 2.0'])}).`,
  (r) => `La version ${r.int(1, 6)}.${r.int(0, 12)} est déployée chez ${r.int(2, 40)} clients industriels, principalement ${r.pick(W.contexte)}.`,
  (r) =>
    `Le savoir-faire associé porte sur ${r.pick(['le réglage', 'l’étalonnage', 'l’assemblage', 'la mise en forme', 'le conditionnement', 'la validation'])} ${r.pick(['des prototypes', 'des préséries', 'des échantillons', 'des sous-ensembles'])} et n’est documenté que dans des notes internes.`,
  (r) => `Une variante ${r.pick(W.qualif)} est à l’étude ; elle ${r.pick(W.verbe)} ${r.pick(W.action)} ${r.pick(W.chose)}.`,
  (r) =>
    `Les plans, les nomenclatures et les résultats d’essais sont conservés sous la référence interne ${r.pick(['DT', 'RP', 'NT', 'SPEC'])}-${r.int(1000, 9999)}-${r.pick(['A', 'B', 'C', 'D'])}.`,
  (r) =>
    `Aucune licence exclusive n’a été concédée à ce jour ; ${r.int(1, 4)} licences non exclusives ont été accordées ${r.pick(['à des intégrateurs', 'à des laboratoires publics', 'à des PME régionales', 'à un équipementier automobile'])}.`,
];

const LEX = {
  nm: [
    'le capteur',
    'le substrat',
    'le procédé',
    'le signal',
    'le modèle',
    'le réseau',
    'le circuit',
    'le matériau',
    'le faisceau',
    'le prototype',
    'le composant',
    'le boîtier',
    'le logiciel',
    'le protocole',
    'le traitement',
    'le dépôt',
    'le réglage',
    'le contrôleur',
    'le module',
    'le système',
    'le banc',
    'le récepteur',
    'le convertisseur',
    'le revêtement',
    'le support',
    'le détecteur',
    'le laser',
    'le filtre',
    'le moteur',
    'le calcul',
    'le connecteur',
    'le guide d’onde',
    'le résonateur',
    'le démonstrateur',
    'le micro-miroir',
    'le transducteur',
    'le jeu de données',
    'le micrologiciel',
    'le bus de terrain',
    'le modulateur',
    'le séparateur',
    'le catalyseur',
    'le polymère',
    'le refroidisseur',
    'le pilote',
    'le noyau de calcul',
  ],
  nf: [
    'la membrane',
    'la couche active',
    'la mesure',
    'la cellule',
    'la structure',
    'la méthode',
    'la chaîne',
    'la fibre',
    'la surface',
    'la cavité',
    'la batterie',
    'la commande',
    'la plateforme',
    'la source',
    'la puce',
    'l’électrode',
    'l’antenne',
    'la résine',
    'la sonde',
    'la carte',
    'la photodiode',
    'la bobine',
    'la vanne',
    'la turbine',
    'la lentille',
    'la matrice',
    'la pile',
    'la base de données',
    'l’interface',
    'la routine',
    'la soudure',
    'la jonction',
    'la nanoparticule',
    'la cartographie',
    'la séquence',
    'la boucle de régulation',
    'la calibration',
    'la trame',
  ],
  adj: [
    ['optique', 'optique'],
    ['thermique', 'thermique'],
    ['intégré', 'intégrée'],
    ['compact', 'compacte'],
    ['embarqué', 'embarquée'],
    ['poreux', 'poreuse'],
    ['flexible', 'flexible'],
    ['numérique', 'numérique'],
    ['autonome', 'autonome'],
    ['hybride', 'hybride'],
    ['miniaturisé', 'miniaturisée'],
    ['calibré', 'calibrée'],
    ['redondant', 'redondante'],
    ['conducteur', 'conductrice'],
    ['sécurisé', 'sécurisée'],
    ['adaptatif', 'adaptative'],
    ['mécanique', 'mécanique'],
    ['souple', 'souple'],
    ['cryogénique', 'cryogénique'],
    ['piézoélectrique', 'piézoélectrique'],
    ['isolant', 'isolante'],
    ['modulaire', 'modulaire'],
    ['étanche', 'étanche'],
    ['distribué', 'distribuée'],
    ['passif', 'passive'],
    ['actif', 'active'],
    ['recyclé', 'recyclée'],
    ['biocompatible', 'biocompatible'],
    ['nanostructuré', 'nanostructurée'],
    ['reconfigurable', 'reconfigurable'],
    ['massif', 'massive'],
    ['transparent', 'transparente'],
    ['multispectral', 'multispectrale'],
    ['asynchrone', 'asynchrone'],
    ['quantique', 'quantique'],
    ['robuste', 'robuste'],
  ] as [string, string][],
  verbe: [
    'améliore',
    'stabilise',
    'réduit',
    'mesure',
    'alimente',
    'pilote',
    'protège',
    'compense',
    'filtre',
    'transmet',
    'détecte',
    'isole',
    'refroidit',
    'analyse',
    'synchronise',
    'intègre',
    'remplace',
    'simplifie',
    'accélère',
    'limite',
    'encapsule',
    'module',
    'numérise',
    'corrige',
    'estime',
    'renforce',
    'sépare',
    'chauffe',
    'focalise',
    'guide',
    'commande',
    'valide',
    'caractérise',
    'supervise',
    'fiabilise',
    'alimente en continu',
    'localise',
  ],
  prep: ['avec', 'pour', 'sans', 'dans', 'sur', 'sous', 'selon', 'par', 'entre', 'après', 'avant', 'contre', 'via', 'malgré', 'chez'],
  connecteur: [
    'En outre,',
    'Par ailleurs,',
    'De plus,',
    'Ainsi,',
    'En pratique,',
    'À terme,',
    'Dans ce cadre,',
    'Concrètement,',
    'En revanche,',
    'Toutefois,',
    'Enfin,',
  ],
  unite: ['µm', 'nm', 'mW', 'kHz', 'MHz', '°C', '%', 'ms', 'dB', 'bar', 'mAh', 'V', 'W/m²', 'ppm', 'g', 'kg', 'cycles', 'Gbit/s'],
  mesure: ['à {x} près', 'jusqu’à {x}', 'd’environ {x}', 'au-delà de {x}', 'sous {x}', 'de plus de {x}', 'inférieur à {x}'],
};

function nounPhrase(r: Rng): string {
  const fem = r.next() < 0.45;
  const n = r.pick(fem ? LEX.nf : LEX.nm);
  return r.next() < 0.7 ? `${n} ${r.pick(LEX.adj)[fem ? 1 : 0]}` : n;
}
function quantity(r: Rng): string {
  const v = r.next() < 0.5 ? String(r.int(2, 999)) : `${r.int(0, 99)},${r.int(1, 9)}`;
  return r.pick(LEX.mesure).replace('{x}', `${v} ${r.pick(LEX.unite)}`);
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A technical sentence built word by word (so that gzip sees prose-like entropy, not repeated templates). */
function freeSentence(r: Rng): string {
  const parts: string[] = [];
  if (r.next() < 0.3) parts.push(r.pick(LEX.connecteur));
  parts.push(nounPhrase(r), r.pick(LEX.verbe), nounPhrase(r));
  if (r.next() < 0.7) parts.push(r.pick(LEX.prep), nounPhrase(r));
  if (r.next() < 0.5) parts.push(quantity(r));
  if (r.next() < 0.3) parts.push(r.pick(LEX.prep), nounPhrase(r));
  const s = parts.join(' ');
  return cap(s) + '.';
}

/** French prose of about `min`..`max` characters, whole sentences: mostly free sentences, some boilerplate. */
function prose(r: Rng, min: number, max: number): string {
  const target = r.int(min, max);
  let s = '';
  while (s.length < target) {
    const next = r.next() < 0.25 ? r.pick(SENTENCES)(r) : freeSentence(r);
    if (s.length + 1 + next.length > max && s.length >= min) break;
    s += (s ? ' ' : '') + next;
  }
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '.' : s;
}

/**
 * Text with little redundancy (pseudo-words of random syllables): gzip gains only ~2× on it. Not realistic
 * prose — used only to push a body under the 1 MiB HTTP limit past 300 KB of gzip, i.e. onto the S3 path.
 */
function lowRedundancyText(r: Rng, min: number, max: number): string {
  const target = r.int(min, max);
  const C = 'bcdfghjklmnpqrstvwxz';
  const V = 'aeiouyéè';
  let s = '';
  while (s.length < target) {
    let w = '';
    for (let k = r.int(1, 4); k > 0; k--) w += C[r.int(0, C.length - 1)]! + V[r.int(0, V.length - 1)]!;
    s += (s ? (r.next() < 0.08 ? '. ' : ' ') : '') + w;
  }
  return s.slice(0, max).trimEnd() + '.';
}

/** A title of about 60 characters. */
function title(r: Rng): string {
  let t = `${r.pick(W.nom)} ${r.pick(W.qualif)} ${r.pick(W.complement)}`;
  if (t.length > 80) t = `${r.pick(W.nom)} ${r.pick(W.complement)}`;
  return t;
}

const CONDITIONS = [
  (r: Rng) =>
    `Accès accordé aux seules fins de l’exécution du projet, pour sa durée, sans droit de sous-licence, sur demande écrite adressée au responsable PI au moins ${r.int(10, 60)} jours à l’avance.`,
  (r: Rng) =>
    `Conditions financières équitables et raisonnables fixées au cas par cas ; redevance indicative de ${r.int(1, 8)} % du chiffre d’affaires net des produits intégrant l’élément, plafonnée à ${r.int(20, 500)} k€ par an.`,
  (r: Rng) =>
    `Accès limité au code objet ; le code source reste la propriété exclusive du détenteur et n’est communiqué qu’en séquestre auprès de l’${r.pick(['APP', 'INPI'])}.`,
  (r: Rng) =>
    `Accès soumis à l’accord préalable du co-titulaire ${r.pick(['CNRS', 'CEA', 'Université Grenoble Alpes', 'Inria', 'IFPEN'])} et à la signature d’un accord de confidentialité spécifique d’une durée de ${r.int(3, 10)} ans.`,
];
const conditionsText = (r: Rng) => r.pick(CONDITIONS)(r);

const EXPORT_ENTRIES = [
  { category: '6', annexIEntry: '6A003.b.4' },
  { category: '3', annexIEntry: '3A001.a.2' },
  { category: '5', annexIEntry: '5A002.a' },
  { category: '4', annexIEntry: '4D001' },
  { category: '9', annexIEntry: '9E003.a.1' },
] as const;

interface DeclarationOptions {
  backgroundItems: number;
  results: number;
  accessRights: number;
  /** Description length range of background items and results (characters). */
  description: [number, number];
  /** Descriptions of {@link lowRedundancyText} instead of prose (to reach the S3 path). */
  lowRedundancy?: boolean;
  seed?: number;
}

/**
 * A complete declaration of organization `a` (partners a, b, c): valid against the draft schema and, with
 * the project's partners as context, against the submit schema and its cross-field rules too.
 */
function buildDeclaration(a: string, b: string, c: string, o: DeclarationOptions) {
  const r = rng(o.seed ?? 20261126);
  const [dMin, dMax] = o.description;
  const text = (min: number, max: number) => (o.lowRedundancy ? lowRedundancyText(r, min, max) : prose(r, min, max));
  const types = ['patent', 'patent', 'patent-application', 'software', 'software', 'know-how', 'know-how', 'database', 'design', 'trademark', 'other'] as const;
  const regimes = ['royalty-free', 'fair-and-reasonable', 'fair-and-reasonable', 'case-by-case', 'excluded'] as const;
  const conditions = (execution: boolean) => {
    const regime = execution ? r.pick(['royalty-free', 'royalty-free', 'case-by-case'] as const) : r.pick(regimes);
    return regime === 'case-by-case' || r.next() < 0.6 ? { regime, text: conditionsText(r) } : { regime };
  };
  const background = Array.from({ length: o.backgroundItems }, (_, i) => {
    const type = types[i % types.length]!;
    const item: Record<string, unknown> = { key: `bg-${i + 1}`, type, title: title(r), description: text(dMin, dMax) };
    if (type === 'patent') {
      const fr = r.next() < 0.5;
      item.identifiers = [
        fr
          ? { kind: 'patent-publication', value: `FR ${r.int(2, 3)} ${r.int(100, 999)} ${r.int(100, 999)} ${r.pick(['A1', 'B1'])}` }
          : { kind: 'patent-publication', value: `EP ${r.int(1, 4)} ${r.int(100, 999)} ${r.int(100, 999)} ${r.pick(['A1', 'B1'])}` },
        { kind: 'internal-reference', value: `BRV-${r.int(2008, 2024)}-${r.int(100, 999)}` },
      ];
      item.jurisdictions = fr ? ['FR'] : r.some(['FR', 'DE', 'GB', 'IT', 'ES', 'NL', 'US', 'CN', 'JP'], r.int(2, 6));
    } else if (type === 'patent-application') {
      item.identifiers = [{ kind: 'patent-application', value: `FR${r.int(1800000, 2499999)}` }];
      item.jurisdictions = ['FR', 'WO'];
    } else if (type === 'software') {
      item.identifiers = [{ kind: 'software-deposit', value: `IDDN.FR.001.${r.int(100000, 599999)}.000.S.P.${r.int(2010, 2024)}.000.${r.int(10000, 40000)}` }];
    } else if (type === 'trademark') {
      item.identifiers = [{ kind: 'trademark-registration', value: `${r.int(4000000, 4999999)}` }];
      item.jurisdictions = ['FR', 'EU'];
    } else if (type === 'design') {
      item.identifiers = [{ kind: 'design-registration', value: `DM/${r.int(100000, 239999)}` }];
    }
    if (type === 'patent' || type === 'patent-application')
      item.priorityDate = `${r.int(2005, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const coOwned = r.next();
    item.owners =
      coOwned < 0.7
        ? [{ organizationId: a }]
        : coOwned < 0.85
          ? [{ organizationId: a }, { organizationId: b }]
          : [
              { organizationId: a },
              { thirdPartyName: r.pick(['CNRS', 'Université Grenoble Alpes', 'CEA', 'Inria', 'Fraunhofer-Gesellschaft']), country: r.pick(['FR', 'FR', 'DE']) },
            ];
    item.executionConditions = conditions(true);
    item.exploitationConditions = conditions(false);
    if (type !== 'design' && type !== 'trademark') item.exportControl = r.next() < 0.85 ? { category: 'none' } : { ...r.pick(EXPORT_ENTRIES) };
    item.fromZrr = r.next() < 0.1;
    return item;
  });
  const domains = [
    'photonics',
    'quantum',
    'semiconductors',
    'artificial-intelligence',
    'energy-storage',
    'materials',
    'software',
    'health',
    'space',
    'robotics',
  ] as const;
  const results = Array.from({ length: o.results }, (_, i) => {
    const split = r.pick([
      [[a, 100]],
      [
        [a, 50],
        [b, 50],
      ],
      [
        [a, 60],
        [b, 25],
        [c, 15],
      ],
      [
        [a, 33.33],
        [b, 33.33],
        [c, 33.34],
      ],
      [
        [a, 70],
        [c, 30],
      ],
    ] as const);
    const filingYear = r.int(2027, 2029);
    const filing = `${filingYear}-${String(r.int(1, 12)).padStart(2, '0')}-15`;
    const res: Record<string, unknown> = {
      key: `r-${i + 1}`,
      title: title(r),
      description: text(dMin, dMax),
      technologyDomains: r.some(domains, r.int(1, 3)),
      ownership: split.map(([organizationId, pct]) => ({ organizationId, pct })),
    };
    if (r.next() < 0.6) {
      res.plannedFilingDate = filing;
      res.plannedPublications = [
        {
          venue: r.pick(['Optica', 'IEEE Sensors Journal', 'Nature Photonics', 'Journal of Power Sources', 'Additive Manufacturing']),
          date: `${filingYear + 1}-03-01`,
        },
      ];
    }
    return res;
  });
  const accessRights = Array.from({ length: o.accessRights }, (_, i) => {
    const granted = i % 2 === 0;
    const exploitation = i % 3 === 0;
    const partner = r.pick([b, c]);
    const right: Record<string, unknown> = {
      key: `ar-${i + 1}`,
      purpose: exploitation ? 'exploitation' : 'execution',
      direction: granted ? 'granted' : 'requested',
      beneficiaryOrganizationId: granted ? partner : a,
      grantorOrganizationId: granted ? a : partner,
      subject: granted
        ? r.next() < 0.7 && o.backgroundItems > 0
          ? { kind: 'background', itemKey: `bg-${r.int(1, o.backgroundItems)}` }
          : o.results > 0
            ? { kind: 'result', resultKey: `r-${r.int(1, o.results)}` }
            : { kind: 'background', itemKey: 'bg-1', ownerOrganizationId: partner }
        : { kind: 'background', itemKey: `bg-${r.int(1, 40)}`, ownerOrganizationId: partner },
      exclusive: r.next() < 0.1,
      terms: conditionsText(r) + ' ' + prose(r, 80, 200),
    };
    if (exploitation) {
      right.fieldOfUse = `Exploitation limitée au domaine ${r.pick(W.complement).replace(/^pour /, 'de ')}, hors applications militaires et hors ${r.pick(['aéronautique', 'automobile', 'santé', 'nucléaire'])}.`;
      right.territory = r.pick([
        { scope: 'worldwide' },
        { scope: 'eu-eea' },
        { scope: 'countries', countries: r.some(['FR', 'DE', 'IT', 'ES', 'BE', 'CH', 'US'], r.int(1, 4)) },
      ]);
    } else if (r.next() < 0.5) {
      right.fieldOfUse = `Exécution des tâches du lot ${r.int(1, 8)} du projet.`;
    }
    return right;
  });
  return {
    background,
    results,
    accessRights,
    confidentiality: { termYears: 5, survivesProject: true },
    signatory: { name: 'Claire Martin', position: 'Présidente', email: 'claire.martin@capteurs-bench.example' },
    contacts: [
      { name: 'Julien Moreau', position: 'Responsable propriété intellectuelle', email: 'julien.moreau@capteurs-bench.example' },
      { name: 'Sophie Lefèvre', position: 'Directrice technique', email: 'sophie.lefevre@capteurs-bench.example' },
    ],
  };
}

// ───────────────────────────── main ─────────────────────────────

let cappedAt: string | null = null;
const notes: string[] = [];
let multiInfo: { partners: number; declarations: number } | null = null;
interface HeadsProbe {
  versions: number;
  scanned: number;
  returned: number;
  capacity: number;
  morePages: boolean;
}
const historyInfo: { early: HeadsProbe | null; late: HeadsProbe | null; firstMeasured: number; versionItemBytes: number } = {
  early: null,
  late: null,
  firstMeasured: 0,
  versionItemBytes: 0,
};

type Item = Record<string, unknown>;
type Decl = ReturnType<typeof buildDeclaration>;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Each call changes one background title and one result description (cycling), and returns the new body. */
function mutator(decl: Decl) {
  const titles = decl.background.map((b) => b.title as string);
  const descs = decl.results.map((r) => r.description as string);
  let i = 0;
  return () => {
    i++;
    if (titles.length) decl.background[(i - 1) % titles.length]!.title = `${titles[(i - 1) % titles.length]} (rév. ${i})`;
    if (descs.length) decl.results[(i - 1) % descs.length]!.description = `${descs[(i - 1) % descs.length]} Révisé lors de la relecture n° ${i}.`;
    return JSON.stringify(decl);
  };
}

interface StorageRow {
  name: string;
  what: string;
  jsonBytes: number;
  gzipBytes: number;
  outcome: string;
  series?: string;
}
interface SizeFindings {
  perItem: { background: number; result: number; accessRight: number; description: number; base: number };
  table: { n: number; json: number; gzip: number }[];
  thresholds: { label: string; value: string }[];
  probe: { maxContent: number; refusedAt: number; message: string; overhead: number };
  descriptionGzipRatio: number;
  long: { perItem: number; json500: number; gzip500: number; nInline: number; nBody: number };
}

async function main() {
  const stack = await startStack(bench, { tmpPrefix: 'vigie-bench-decl-', devToken: true });

  // Imported only now: the SDK clients read their endpoints from the environment set above.
  const { signDevToken } = await import('../shared/services/dev-jwt');
  const { MAX_BODY_BYTES } = await import('../functions/http/http-handler');
  const { dynamo, s3 } = await import('../shared/store/clients');
  const { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { parseDeclarationDraft, parseDeclarationForSubmit, MAX_BACKGROUND_ITEMS } = await import('../shared/domain/declaration');
  const { diffDeclarations } = await import('../shared/domain/redline');
  const { INLINE_LIMIT, contentHashOf, listDeclarationHeads, saveDeclarationVersion } = await import('../shared/store/declarations');
  const keys = await import('../shared/store/keys');
  const { queryInput } = await import('../shared/store/query');
  // Optional: the risk re-evaluation that PUT may run after saving (timed alone when present). A computed
  // specifier, so that this file type-checks and runs whether or not that module exists.
  const reevalModule = '../functions/risk/reevaluate';
  const reeval = (await import(reevalModule).catch(() => null)) as {
    reevaluateProject?: (projectId: string, actor: { sub: string; role: string; org?: string }) => Promise<unknown>;
  } | null;

  const TABLE = process.env.TABLE_NAME!;

  // Wall time during which at least one call of the product's own SDK clients is in flight (calls made in
  // parallel count once). Requests are sequential, so one accumulator per request is enough.
  const wall = () => {
    let inFlight = 0;
    let since = 0;
    let total = 0;
    return {
      enter: () => void (inFlight++ === 0 && (since = performance.now())),
      exit: () => void (--inFlight === 0 && (total += performance.now() - since)),
      reset: () => void (total = 0),
      get ms() {
        return total;
      },
    };
  };
  const ddbWall = wall();
  const s3Wall = wall();
  const ioWall = wall();
  let ddbCalls = 0;
  const timer = (w: ReturnType<typeof wall>, count: boolean) => () => {
    w.enter();
    ioWall.enter();
    if (count) ddbCalls++;
    return () => {
      w.exit();
      ioWall.exit();
    };
  };
  const resetTimers = () => {
    ddbWall.reset();
    s3Wall.reset();
    ioWall.reset();
    ddbCalls = 0;
  };
  aroundEachCommand(dynamo(), 'benchDdbTimer', timer(ddbWall, true));
  aroundEachCommand(s3(), 'benchS3Timer', timer(s3Wall, false));

  // The raw client: configured exactly like shared/store/clients.ts, but a separate instance.
  const { doc: raw } = await rawDynamo(bench, { removeUndefinedValues: true, convertClassInstanceToMap: false });

  const api = await startApi(bench, stack);
  const { devSecret } = api;

  // ── setup: organizations and a project with them as partners ──
  const legal = {
    authorization: `Bearer ${await signDevToken({ sub: 'bench-legal', role: 'legal', email: 'legal@bench.example', name: 'Bench Legal' }, devSecret)}`,
  };
  const json = { 'content-type': 'application/json' };
  const ORGS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
  const org: Record<(typeof ORGS)[number], string> = {} as Record<(typeof ORGS)[number], string>;
  for (const name of ORGS) {
    const r = await api.call('POST', '/organizations', { ...legal, ...json }, orgBody(`Bench Déclarant ${name}`));
    if (r.status !== 201) throw new Error(`setup: POST /organizations → ${r.status} ${r.body}`);
    org[name] = (JSON.parse(r.body) as { id: string }).id;
  }
  /** A project with these partners (the first one coordinates). */
  const createProject = async (acronym: string, partners: string[]) => {
    const pr = await api.call(
      'POST',
      '/projects',
      { ...legal, ...json },
      projectBody({
        acronym,
        title: 'Projet de mesure des déclarations',
        summary: 'Projet collaboratif de démonstration utilisé par le benchmark des déclarations.',
        technologyDomains: ['photonics', 'quantum'],
        partners,
      }),
    );
    if (pr.status !== 201) throw new Error(`setup: POST /projects → ${pr.status} ${pr.body}`);
    return (JSON.parse(pr.body) as { id: string }).id;
  };
  // The main project: the declaring organization A and the two partners its declaration names.
  const mainPartners = [org.A, org.B, org.C];
  const projectId = await createProject('BENCHDECL', mainPartners);
  const partnerAuth = async (name: (typeof ORGS)[number]) => ({
    authorization: `Bearer ${await signDevToken({ sub: `bench-partner-${name}`, role: 'partner', email: `partner-${name.toLowerCase()}@bench.example`, name: `Partenaire ${name}`, organizationId: org[name] }, devSecret)}`,
  });
  const declPath = (orgId: string, project = projectId) => `/projects/${project}/declarations/${orgId}`;
  log(`project ${projectId} with ${mainPartners.length} partners ready`);

  // ── the declaration ──
  const A = org.A;
  const decl = buildDeclaration(A, org.B, org.C, { backgroundItems: BACKGROUND, results: RESULTS, accessRights: ACCESS_RIGHTS, description: DESCRIPTION });
  const body1 = JSON.stringify(decl);
  const content1 = parseDeclarationDraft(JSON.parse(body1)); // throws (400) if the draft schema refuses it
  let submitVerdict = 'valid';
  try {
    parseDeclarationForSubmit(JSON.parse(body1), { projectOrgIds: mainPartners, organizationId: A, today: new Date().toISOString().slice(0, 10) });
  } catch (e) {
    submitVerdict = `refused: ${(e as Error).message}`;
  }
  const gz1 = gzipSync(JSON.stringify(content1));
  const titleLens = decl.background.map((b) => (b.title as string).length);
  const descLens = [...decl.background, ...decl.results].map((b) => (b.description as string).length);
  const declInfo = {
    jsonBytes: bytes(body1),
    storedBytes: bytes(JSON.stringify(content1)),
    gzipBytes: gz1.length,
    storage: bytes(JSON.stringify(content1)) <= INLINE_LIMIT ? 'inline' : gz1.length <= INLINE_LIMIT ? 'gzip' : 's3',
    titleAvg: titleLens.reduce((a, b) => a + b, 0) / titleLens.length,
    descAvg: descLens.reduce((a, b) => a + b, 0) / descLens.length,
    descMin: Math.min(...descLens),
    descMax: Math.max(...descLens),
    submitVerdict,
    savedStorage: '',
    diff: { added: 0, removed: 0, changed: 0, responseBytes: 0 },
    readResponseBytes: 0,
  };
  log(`declaration: ${kb(declInfo.jsonBytes)} JSON, ${kb(declInfo.gzipBytes)} gzip; draft schema: valid; submit schema: ${submitVerdict}`);

  // ── route timing (client-observed + server breakdown) ──
  const timedRoute = async (
    series: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    want: number[],
    rec: boolean,
  ) => {
    resetTimers();
    const r = await api.timed(method, path, headers, body);
    const { ms, serverMs } = r;
    if (!want.includes(r.status)) throw new Error(`${method} ${path} → ${r.status} (expected ${want.join('/')}): ${r.body.slice(0, 300)}`);
    if (rec) {
      record(series, ms);
      record(`${series}#calls`, ddbCalls);
      if (Number.isFinite(serverMs)) {
        record(`${series}#server`, serverMs);
        record(`${series}#ddb`, ddbWall.ms);
        record(`${series}#s3`, s3Wall.ms);
        record(`${series}#overhead`, serverMs - ioWall.ms);
        record(`${series}#client`, ms - serverMs);
      }
    }
    return r;
  };

  const authA = await partnerAuth('A');
  const mainPath = declPath(A);
  const nextMain = mutator(decl);
  // Version 1, then DIFF_SPAN saves: the diffed pair is (1, 1 + DIFF_SPAN).
  const first = await timedRoute('setup', 'PUT', mainPath, { ...authA, ...json }, body1, [201], false);
  declInfo.savedStorage = (JSON.parse(first.body) as { savedVersion: { storage: string } }).savedVersion.storage;
  let mainVersion = 1;
  const saveMain = async (rec: boolean) => {
    const body = nextMain();
    const r = await timedRoute('save.route', 'PUT', mainPath, { ...authA, ...json, 'if-match': `"${mainVersion}"` }, body, [201], rec);
    mainVersion = (JSON.parse(r.body) as { currentVersion: number }).currentVersion;
    return body;
  };
  let bodyTo = '';
  for (let i = 0; i < DIFF_SPAN; i++) bodyTo = await saveMain(false);
  const DIFF_TO = 1 + DIFF_SPAN;
  if (mainVersion !== DIFF_TO) throw new Error(`setup: expected version ${DIFF_TO}, got ${mainVersion}`);
  const contentTo = parseDeclarationDraft(JSON.parse(bodyTo));
  {
    const d = await api.call('GET', `${mainPath}/diff?from=1&to=${DIFF_TO}`, authA);
    const rl = JSON.parse(d.body) as { added: unknown[]; removed: unknown[]; changed: unknown[] };
    declInfo.diff = { added: rl.added.length, removed: rl.removed.length, changed: rl.changed.length, responseBytes: bytes(d.body) };
    const local = diffDeclarations(content1, contentTo);
    if (d.status !== 200 || local.changed.length !== rl.changed.length)
      throw new Error(`setup: diff → ${d.status}, ${rl.changed?.length} vs ${local.changed.length} changes`);
    const v = await api.call('GET', `${mainPath}/versions/1`, authA);
    declInfo.readResponseBytes = bytes(v.body);
    if (JSON.stringify((JSON.parse(v.body) as { content: unknown }).content) !== JSON.stringify(content1))
      throw new Error('setup: version 1 does not read back as saved');
  }
  log(`declaration saved as ${declInfo.savedStorage}; ${DIFF_TO} versions; diff 1→${DIFF_TO}: ${declInfo.diff.changed} changes`);

  /** listDeclarationHeads (a Query on the project partition, sk begins_with DHEAD#): time and pages. */
  const timeHeads = async (series: string) => {
    for (let i = 0; i < STORAGE_N; i++) {
      resetTimers();
      const t0 = performance.now();
      await listDeclarationHeads(projectId);
      record(series, performance.now() - t0);
      record(`${series}#calls`, ddbCalls);
    }
    // The same Query, raw, with what DynamoDB reports about it (first page).
    const q = await raw.send(new QueryCommand({ ...queryInput(keys.queries.declarationHeads(projectId)), TableName: TABLE, ReturnConsumedCapacity: 'TOTAL' }));
    return {
      versions: mainVersion,
      scanned: q.ScannedCount ?? NaN,
      returned: q.Count ?? NaN,
      capacity: q.ConsumedCapacity?.CapacityUnits ?? NaN,
      morePages: !!q.LastEvaluatedKey,
    };
  };
  historyInfo.early = await timeHeads('heads.early');

  // ── raw templates: copies of the 4 items the last save wrote ──
  const getItem = async (key: { pk: string; sk: string }) => {
    const { Item } = await raw.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
    if (!Item) throw new Error(`template item ${key.pk} ${key.sk} not found`);
    return Item as Item;
  };
  const chain = keys.projectChain(projectId);
  const tmplVersion = await getItem(keys.declarationVersionKey(projectId, A, DIFF_TO));
  const tmplHead = await getItem(keys.declarationHeadKey(projectId, A));
  const tmplAuditHead = await getItem(keys.auditHeadKey(chain));
  const tmplEvent = await getItem(keys.auditEventKey(chain, tmplAuditHead.seq as number));
  if (tmplEvent.action !== 'declaration.saved') throw new Error(`template audit event is ${String(tmplEvent.action)}`);
  const itemBytes = (i: Item) => bytes(JSON.stringify(i, (_k, v: unknown) => (v instanceof Uint8Array ? 'x'.repeat(v.length) : v)));
  const templateSizes = { version: itemBytes(tmplVersion), head: itemBytes(tmplHead), event: itemBytes(tmplEvent), auditHead: itemBytes(tmplAuditHead) };
  log(
    `raw templates: version item ≈ ${kb(templateSizes.version)} (${String(tmplVersion.storage)}), head ${templateSizes.head} B, audit event ${templateSizes.event} B, audit head ${templateSizes.auditHead} B`,
  );

  // The raw writes go to a shadow declaration (a project id that does not exist), so the route's head is untouched.
  const rawProj = `prj_${randomBytes(16).toString('hex')}`;
  const rawChain = keys.projectChain(rawProj);
  {
    const at = new Date().toISOString();
    await raw.send(
      new PutCommand({ TableName: TABLE, Item: { ...tmplHead, ...keys.declarationHeadKey(rawProj, A), projectId: rawProj, currentVersion: 1, updatedAt: at } }),
    );
    await raw.send(
      new PutCommand({ TableName: TABLE, Item: { ...keys.auditHeadKey(rawChain), entity: 'audit-head', seq: 1, hash: tmplAuditHead.hash, updatedAt: at } }),
    );
  }
  const projectQuery = () => raw.send(new QueryCommand({ ...queryInput(keys.queries.projectHeader(projectId)), TableName: TABLE }));
  /** What saveDeclarationVersion sends: GetItem head, GetItem audit head, TransactWriteItems of 4 Puts. `full`: first the Query + GetItem of loadDeclarationContext. */
  const rawSave = async (prefix: string, full: boolean, rec: boolean) => {
    const t0 = performance.now();
    if (full) {
      const q = await projectQuery();
      if ((q.Items?.length ?? 0) !== mainPartners.length + 1) throw new Error(`raw Query returned ${q.Items?.length} items`);
      await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationHeadKey(rawProj, A), ConsistentRead: true }));
    }
    const tA = performance.now();
    const { Item: head } = await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationHeadKey(rawProj, A), ConsistentRead: true }));
    const t1 = performance.now();
    const { Item: auditHead } = await raw.send(new GetCommand({ TableName: TABLE, Key: keys.auditHeadKey(rawChain), ConsistentRead: true }));
    const t2 = performance.now();
    const n = head!.currentVersion as number;
    const seq = auditHead!.seq as number;
    const at = new Date().toISOString();
    await raw.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: { ...tmplVersion, ...keys.declarationVersionKey(rawProj, A, n + 1), projectId: rawProj, version: n + 1, savedAt: at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: { ...tmplHead, ...keys.declarationHeadKey(rawProj, A), projectId: rawProj, currentVersion: n + 1, updatedAt: at },
              ConditionExpression: 'currentVersion = :v AND updatedAt = :u',
              ExpressionAttributeValues: { ':v': n, ':u': head!.updatedAt },
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: { ...tmplEvent, ...keys.auditEventKey(rawChain, seq + 1), chain: rawChain, seq: seq + 1, at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: { ...keys.auditHeadKey(rawChain), entity: 'audit-head', seq: seq + 1, hash: tmplAuditHead.hash, updatedAt: at },
              ConditionExpression: 'seq = :prev',
              ExpressionAttributeValues: { ':prev': seq },
            },
          },
        ],
      }),
    );
    const t3 = performance.now();
    if (rec) {
      if (!full) {
        record(`${prefix}.getHead`, t1 - tA);
        record(`${prefix}.getAudit`, t2 - t1);
        record(`${prefix}.tx`, t3 - t2);
      }
      record(`${prefix}.seq`, t3 - t0);
    }
  };

  // ── in-process inputs ──
  const rawTo = JSON.parse(bodyTo) as unknown;
  const gzTo = gzipSync(JSON.stringify(contentTo));

  let readCursor = 0;
  const nextRead = () => 1 + (readCursor++ % DIFF_TO);
  const workloads: { name: string; run: (rec: boolean) => Promise<void> }[] = [
    { name: 'PUT declaration · route', run: async (rec) => void (await saveMain(rec)) },
    { name: 'PUT · raw GetItem + GetItem + TransactWriteItems(4)', run: (rec) => rawSave('raw.save', false, rec) },
    { name: 'PUT · raw, the 5 calls of load + save', run: (rec) => rawSave('raw.savefull', true, rec) },
    {
      name: 'GET version · route',
      run: async (rec) => void (await timedRoute('read.route', 'GET', `${mainPath}/versions/${nextRead()}`, authA, undefined, [200], rec)),
    },
    {
      name: 'GET version · raw GetItem',
      run: async (rec) => {
        const n = nextRead();
        const t0 = performance.now();
        const { Item } = await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationVersionKey(projectId, A, n) }));
        const ms = performance.now() - t0;
        if (!Item) throw new Error(`raw GetItem: no version ${n}`);
        if (rec) record('raw.read.get', ms);
      },
    },
    {
      name: 'GET version · raw, all 3 calls of the route',
      run: async (rec) => {
        const n = nextRead();
        const t0 = performance.now();
        await projectQuery();
        await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationHeadKey(projectId, A), ConsistentRead: true }));
        await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationVersionKey(projectId, A, n) }));
        if (rec) record('raw.readfull.seq', performance.now() - t0);
      },
    },
    {
      name: 'GET diff · route',
      run: async (rec) => void (await timedRoute('diff.route', 'GET', `${mainPath}/diff?from=1&to=${DIFF_TO}`, authA, undefined, [200], rec)),
    },
    {
      name: 'GET diff · raw, all 4 calls of the route',
      run: async (rec) => {
        const t0 = performance.now();
        await projectQuery();
        await raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationHeadKey(projectId, A), ConsistentRead: true }));
        await Promise.all([1, DIFF_TO].map((n) => raw.send(new GetCommand({ TableName: TABLE, Key: keys.declarationVersionKey(projectId, A, n) }))));
        if (rec) record('raw.difffull.seq', performance.now() - t0);
      },
    },
    {
      name: 'in-process CPU',
      run: async (rec) => {
        const time = (series: string, f: () => unknown) => {
          const t0 = performance.now();
          f();
          if (rec) record(series, performance.now() - t0);
        };
        time('cpu.jsonParse', () => JSON.parse(bodyTo));
        time('cpu.parse', () => parseDeclarationDraft(rawTo));
        time('cpu.hash', () => contentHashOf(contentTo));
        time('cpu.gzip', () => gzipSync(JSON.stringify(contentTo)));
        time('cpu.gunzip', () => JSON.parse(gunzipSync(gzTo).toString('utf8')));
        time('cpu.diff', () => diffDeclarations(content1, contentTo));
        await new Promise((r) => setImmediate(r));
      },
    },
  ];

  const selected = selectWorkloads(bench, workloads, ONLY);

  // ── warm-up, then interleaved blocks ──
  cappedAt = await warmUpAndMeasure(bench, selected, { n: N, warmup: WARMUP, block: BLOCK });

  historyInfo.late = await timeHeads('heads.late');
  historyInfo.firstMeasured = DIFF_TO + WARMUP + 1;
  historyInfo.versionItemBytes = templateSizes.version;

  if (ONLY) {
    report({
      projectId,
      declInfo,
      templateSizes,
      sizes: null,
      storage: [],
      maxBody: MAX_BODY_BYTES,
      inlineLimit: INLINE_LIMIT,
      maxBackground: MAX_BACKGROUND_ITEMS,
    });
    return;
  }

  // ── size experiments ──
  log('size experiments…');
  const sizes = await sizeExperiments();

  // ── storage paths and the body limit ──
  const storage: StorageRow[] = [];
  storage.push({
    name: 'gzip',
    what: `the declaration above (${BACKGROUND} background items) — the main series`,
    jsonBytes: declInfo.storedBytes,
    gzipBytes: declInfo.gzipBytes,
    outcome: declInfo.savedStorage,
    series: 'save.route|read.route',
  });
  if (timeLeft()) await storagePaths(storage, sizes);
  else notes.push('storage paths skipped: time cap reached');

  report({ projectId, declInfo, templateSizes, sizes, storage, maxBody: MAX_BODY_BYTES, inlineLimit: INLINE_LIMIT, maxBackground: MAX_BACKGROUND_ITEMS });

  // ───── helpers that need the imports above ─────

  async function sizeExperiments(): Promise<SizeFindings> {
    const big = buildDeclaration(A, org.B, org.C, {
      backgroundItems: MAX_BACKGROUND_ITEMS,
      results: RESULTS,
      accessRights: ACCESS_RIGHTS,
      description: DESCRIPTION,
    });
    const sliced = (d: Decl, n: number) => JSON.stringify({ ...d, background: d.background.slice(0, n) });
    const itemB = big.background.map((b) => bytes(JSON.stringify(b)));
    const baseB = bytes(sliced(big, 0));
    const sizeAt = (n: number) => baseB + itemB.slice(0, n).reduce((a, b) => a + b, 0) + Math.max(0, n - 1);
    for (const n of [1, 137, MAX_BACKGROUND_ITEMS]) if (sizeAt(n) !== bytes(sliced(big, n))) throw new Error(`size model off at n=${n}`);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const table: { n: number; json: number; gzip: number }[] = [];
    for (let n = 0; n <= MAX_BACKGROUND_ITEMS; n += 50) table.push({ n, json: sizeAt(n), gzip: gzipSync(sliced(big, n)).length });
    const firstOver = (limit: number) => {
      for (let n = 0; n <= MAX_BACKGROUND_ITEMS; n++) if (sizeAt(n) > limit) return n;
      return null;
    };
    const perItem = avg(itemB);
    const beyond = (limit: number) => `≈ ${Math.ceil((limit - baseB) / (perItem + 1))} (extrapolated: beyond the schema's ${MAX_BACKGROUND_ITEMS})`;
    const last = table[table.length - 1]!;
    const gzPerItem = (last.gzip - table[0]!.gzip) / last.n;
    const gzFirstOver = (() => {
      for (let n = 0; n <= MAX_BACKGROUND_ITEMS; n += 10) if (gzipSync(sliced(big, n)).length > INLINE_LIMIT) return n;
      return null;
    })();

    // DynamoDB Local: the largest inline `content` a version item (same other attributes) may hold.
    const probeKey = keys.declarationVersionKey(rawProj, A, 999_999);
    const { contentGz: _gz, s3Key: _s3, ...meta } = tmplVersion;
    void _gz;
    void _s3;
    let lo = 300_000;
    let hi = 420_000;
    let message = '';
    const tryPut = async (len: number) => {
      try {
        await raw.send(new PutCommand({ TableName: TABLE, Item: { ...meta, ...probeKey, storage: 'inline', sizeBytes: len, content: 'x'.repeat(len) } }));
        return true;
      } catch (e) {
        if ((e as Error).name !== 'ValidationException') throw e;
        message = (e as Error).message;
        return false;
      }
    };
    if (!(await tryPut(lo))) throw new Error(`probe: ${lo} B refused: ${message}`);
    if (await tryPut(hi)) throw new Error(`probe: ${hi} B accepted: no item limit?`);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await tryPut(mid)) lo = mid;
      else hi = mid;
    }
    await raw.send(new DeleteCommand({ TableName: TABLE, Key: probeKey }));
    const probe = { maxContent: lo, refusedAt: hi, message, overhead: 400 * 1024 - lo };

    const long = buildDeclaration(A, org.B, org.C, {
      backgroundItems: MAX_BACKGROUND_ITEMS,
      results: RESULTS,
      accessRights: ACCESS_RIGHTS,
      description: [1500, 1500],
    });
    const longItem = avg(long.background.map((b) => bytes(JSON.stringify(b))));
    const longBase = bytes(sliced(long, 0));
    const longJson = bytes(JSON.stringify(long));
    const longN = (limit: number) => Math.floor((limit - longBase) / (longItem + 1));
    const descs = big.background.map((b) => b.description as string).join('\n');

    const thresholds = [
      { label: `JSON > INLINE_LIMIT (${INLINE_LIMIT} B): the store gzips`, value: String(firstOver(INLINE_LIMIT) ?? beyond(INLINE_LIMIT)) },
      {
        label: `JSON > ${probe.maxContent} B: a plain inline item would pass 400 KB (DynamoDB refuses it)`,
        value: String(firstOver(probe.maxContent) ?? beyond(probe.maxContent)),
      },
      { label: `body > ${MAX_BODY_BYTES} B (1 MiB): the API answers 413`, value: String(firstOver(MAX_BODY_BYTES) ?? beyond(MAX_BODY_BYTES)) },
      {
        label: `gzip > INLINE_LIMIT: the store writes to S3`,
        value:
          gzFirstOver !== null
            ? String(gzFirstOver)
            : `≈ ${Math.ceil((INLINE_LIMIT - table[0]!.gzip) / gzPerItem)} (extrapolated; never through the API: beyond ${MAX_BACKGROUND_ITEMS} items and beyond 1 MiB)`,
      },
    ];
    return {
      perItem: {
        background: perItem,
        result: avg(big.results.map((r) => bytes(JSON.stringify(r)))),
        accessRight: avg(big.accessRights.map((r) => bytes(JSON.stringify(r)))),
        description: avg(big.background.map((b) => bytes(b.description as string))),
        base: baseB,
      },
      table,
      thresholds,
      probe,
      descriptionGzipRatio: bytes(descs) / gzipSync(descs).length,
      long: {
        perItem: longItem,
        json500: longJson,
        gzip500: gzipSync(JSON.stringify(long)).length,
        nInline: longN(INLINE_LIMIT),
        nBody: longN(MAX_BODY_BYTES),
      },
    };
  }

  async function storagePaths(rows: StorageRow[], sizes: SizeFindings) {
    /**
     * K saves (If-Match) and K reads of one organization's declaration, in a project of its own (X, B, C) so that
     * nothing else in the project weighs on the save; the first save is untimed.
     */
    const scenario = async (name: string, who: (typeof ORGS)[number], d: Decl, what: string) => {
      const auth = await partnerAuth(who);
      const path = declPath(org[who], await createProject(`BENCH${who}`, [org[who], org.B, org.C]));
      const body = JSON.stringify(d);
      const stored = JSON.stringify(parseDeclarationDraft(JSON.parse(body)));
      const row: StorageRow = { name, what, jsonBytes: bytes(body), gzipBytes: gzipSync(stored).length, outcome: '' };
      rows.push(row);
      const r0 = await api.call('PUT', path, { ...auth, ...json }, body);
      if (r0.status !== 201) {
        row.outcome = `HTTP ${r0.status}: ${(JSON.parse(r0.body) as { detail?: string }).detail ?? r0.body.slice(0, 120)}`;
        return null;
      }
      let version = 1;
      const storages = new Set<string>([(JSON.parse(r0.body) as { savedVersion: { storage: string } }).savedVersion.storage]);
      const next = mutator(d);
      for (let i = 0; i < STORAGE_N && timeLeft(); i++) {
        const r = await timedRoute(`store.${name}.save`, 'PUT', path, { ...auth, ...json, 'if-match': `"${version}"` }, next(), [201], true);
        const out = JSON.parse(r.body) as { currentVersion: number; savedVersion: { storage: string } };
        version = out.currentVersion;
        storages.add(out.savedVersion.storage);
      }
      for (let i = 0; i < STORAGE_N && timeLeft(); i++)
        await timedRoute(`store.${name}.read`, 'GET', `${path}/versions/${1 + (i % version)}`, auth, undefined, [200], true);
      row.outcome = [...storages].join(', ');
      row.series = `store.${name}.save|store.${name}.read`;
      return { auth, path, version, next };
    };

    const inlineN = Number.parseInt(sizes.thresholds[0]!.value, 10) - 1;
    if (Number.isFinite(inlineN) && inlineN > 0) {
      const d = buildDeclaration(org.D, org.B, org.C, {
        backgroundItems: inlineN,
        results: RESULTS,
        accessRights: ACCESS_RIGHTS,
        description: DESCRIPTION,
        seed: 7,
      });
      // The cut was found for the main seed; trim this one until it is inline too (with room for the edits).
      while (bytes(JSON.stringify(d)) > INLINE_LIMIT - 2048) d.background.pop();
      await scenario('inline', 'D', d, `${d.background.length} background items (the largest realistic declaration kept inline)`);
    }
    if (timeLeft()) {
      const d = buildDeclaration(org.E, org.B, org.C, {
        backgroundItems: MAX_BACKGROUND_ITEMS,
        results: RESULTS,
        accessRights: ACCESS_RIGHTS,
        description: DESCRIPTION,
        seed: 8,
      });
      await scenario('gzip-max', 'E', d, `${MAX_BACKGROUND_ITEMS} background items (the schema's maximum), descriptions 400–800`);
    }
    let s3Scenario: Awaited<ReturnType<typeof scenario>> = null;
    if (timeLeft()) {
      const d = buildDeclaration(org.F, org.B, org.C, {
        backgroundItems: MAX_BACKGROUND_ITEMS,
        results: RESULTS,
        accessRights: ACCESS_RIGHTS,
        description: [1500, 2000],
        lowRedundancy: true,
        seed: 9,
      });
      while (bytes(JSON.stringify(d)) > 1_000_000) d.background.pop();
      s3Scenario = await scenario(
        's3',
        'F',
        d,
        `${d.background.length} background items with 1,500–2,000 characters of low-redundancy text (random syllables)`,
      );
    }
    if (timeLeft()) {
      const d = buildDeclaration(org.G, org.B, org.C, {
        backgroundItems: MAX_BACKGROUND_ITEMS,
        results: RESULTS,
        accessRights: ACCESS_RIGHTS,
        description: [1500, 1500],
        seed: 10,
      });
      const res = await scenario('500x1500', 'G', d, `${MAX_BACKGROUND_ITEMS} background items with 1,500-character French descriptions`);
      if (!res && timeLeft()) {
        // Refused over HTTP: what the store itself does with it (saveDeclarationVersion called in-process, no body limit).
        const bigProject = await createProject('BENCHBIG', [org.G, org.B, org.C]);
        const content = parseDeclarationDraft(JSON.parse(JSON.stringify(d)));
        const actor = { sub: 'bench-partner-G', role: 'partner', org: org.G, email: 'partner-g@bench.example' };
        const modes = new Set<string>();
        const next = mutator(d);
        for (let v = 0; v < STORAGE_N && timeLeft(); v++) {
          const c = v === 0 ? content : parseDeclarationDraft(JSON.parse(next()));
          resetTimers();
          const t0 = performance.now();
          const out = await saveDeclarationVersion(bigProject, org.G, c, v, actor);
          record('store.500x1500-inproc.save', performance.now() - t0);
          record('store.500x1500-inproc.save#s3', s3Wall.ms);
          modes.add(out.version.storage);
        }
        rows.push({
          name: '500x1500 in-process',
          what: 'the same content given to saveDeclarationVersion directly (no HTTP, no body limit)',
          jsonBytes: bytes(JSON.stringify(content)),
          gzipBytes: gzipSync(JSON.stringify(content)).length,
          outcome: [...modes].join(', '),
          series: 'store.500x1500-inproc.save|',
        });
      }
    }
    // The exact body limit: the S3 declaration padded with trailing spaces (still valid JSON) to 1 MiB, then 1 MiB + 1.
    if (s3Scenario && timeLeft()) {
      const { auth, path, version } = s3Scenario;
      const pad = (b: string, total: number) => b + ' '.repeat(Math.max(0, total - bytes(b)));
      const r1 = await api.call('PUT', path, { ...auth, ...json, 'if-match': `"${version}"` }, pad(s3Scenario.next(), MAX_BODY_BYTES));
      const v2 = r1.status === 201 ? (JSON.parse(r1.body) as { currentVersion: number }).currentVersion : version;
      const r2 = await api.call('PUT', path, { ...auth, ...json, 'if-match': `"${v2}"` }, pad(s3Scenario.next(), MAX_BODY_BYTES + 1));
      notes.push(
        `Body limit, measured: a body of exactly ${MAX_BODY_BYTES} B (1 MiB) → HTTP ${r1.status}${r1.status === 201 ? ` (stored as ${(JSON.parse(r1.body) as { savedVersion: { storage: string } }).savedVersion.storage})` : ''}; ` +
          `${MAX_BODY_BYTES + 1} B → HTTP ${r2.status}${r2.status === 413 ? ` (“${(JSON.parse(r2.body) as { detail?: string }).detail}”)` : ''}.`,
      );
    }

    // A project where every partner has declared: does a save get slower as the project fills up?
    if (timeLeft()) {
      const members = ORGS.map((n) => org[n]);
      const multi = await createProject('BENCHALL', members);
      for (const [i, who] of ORGS.entries()) {
        const others = members.filter((id) => id !== org[who]);
        const d = buildDeclaration(org[who], others[0]!, others[1]!, {
          backgroundItems: BACKGROUND,
          results: RESULTS,
          accessRights: ACCESS_RIGHTS,
          description: DESCRIPTION,
          seed: 100 + i,
        });
        const r = await api.call('PUT', declPath(org[who], multi), { ...legal, ...json }, JSON.stringify(d));
        if (r.status !== 201) throw new Error(`multi: PUT ${who} → ${r.status} ${r.body.slice(0, 200)}`);
      }
      const d = buildDeclaration(A, org.B, org.C, {
        backgroundItems: BACKGROUND,
        results: RESULTS,
        accessRights: ACCESS_RIGHTS,
        description: DESCRIPTION,
        seed: 100,
      });
      const next = mutator(d);
      let version = 1;
      for (let i = 0; i < STORAGE_N * 2 && timeLeft(); i++) {
        const r = await timedRoute('multi.save', 'PUT', declPath(A, multi), { ...authA, ...json, 'if-match': `"${version}"` }, next(), [201], true);
        version = (JSON.parse(r.body) as { currentVersion: number }).currentVersion;
      }
      multiInfo = { partners: members.length, declarations: ORGS.length };
      if (reeval?.reevaluateProject) {
        const actor = { sub: 'bench-partner-A', role: 'partner', org: A };
        for (const [series, p] of [
          ['reeval.main', projectId],
          ['reeval.multi', multi],
        ] as const) {
          for (let i = 0; i < STORAGE_N && timeLeft(); i++) {
            resetTimers();
            const t0 = performance.now();
            await reeval.reevaluateProject(p, actor);
            record(series, performance.now() - t0);
            record(`${series}#calls`, ddbCalls);
          }
        }
      }
    }
  }
}

// ───────────────────────────── report ─────────────────────────────

function report(info: {
  projectId: string;
  declInfo: {
    jsonBytes: number;
    storedBytes: number;
    gzipBytes: number;
    storage: string;
    savedStorage: string;
    titleAvg: number;
    descAvg: number;
    descMin: number;
    descMax: number;
    submitVerdict: string;
    diff: { added: number; removed: number; changed: number; responseBytes: number };
    readResponseBytes: number;
  };
  templateSizes: { version: number; head: number; event: number; auditHead: number };
  sizes: SizeFindings | null;
  storage: StorageRow[];
  maxBody: number;
  inlineLimit: number;
  maxBackground: number;
}) {
  const { row } = samples;
  const d = info.declInfo;
  const lines: string[] = [];
  lines.push('', '## Environment', '');
  lines.push(...environmentLines());
  lines.push(
    `- settings: BENCH_N=${N}, BENCH_WARMUP=${WARMUP}, BENCH_STORAGE_N=${STORAGE_N}, BENCH_MAX_SECONDS=${MAX_SECONDS}, sequential, loopback, DynamoDB Local in memory`,
  );
  if (cappedAt) lines.push(`- **partial run**: ${cappedAt}`);

  lines.push('', '## The declaration', '');
  lines.push(
    `- ${BACKGROUND} background items, ${RESULTS} results, ${ACCESS_RIGHTS} access rights; titles ${d.titleAvg.toFixed(0)} characters on average, descriptions ${d.descMin}–${d.descMax} (mean ${d.descAvg.toFixed(0)})`,
  );
  lines.push(`- draft schema: valid; submit schema + cross-field rules: ${d.submitVerdict}`);
  lines.push(
    `- JSON ${d.jsonBytes} B (${kb(d.jsonBytes)}), gzip ${d.gzipBytes} B (${kb(d.gzipBytes)}, ${(d.storedBytes / d.gzipBytes).toFixed(1)}×) → stored as **${d.savedStorage}** (INLINE_LIMIT ${info.inlineLimit} B)`,
  );
  lines.push(
    `- items a save writes: version ≈ ${kb(info.templateSizes.version)}, head ${info.templateSizes.head} B, audit event ${info.templateSizes.event} B, audit head ${info.templateSizes.auditHead} B`,
  );
  lines.push(
    `- GET version response ${kb(d.readResponseBytes)}; diff 1→${1 + DIFF_SPAN}: ${d.diff.changed} changed, ${d.diff.added} added, ${d.diff.removed} removed (response ${kb(d.diff.responseBytes)})`,
  );

  const breakdown = (series: string, ddbNote = '') => [
    row('  ↳ server time (request in → response finished)', `${series}#server`),
    row(`  ↳ DynamoDB time inside the route${ddbNote}`, `${series}#ddb`),
    row('  ↳ server time outside DynamoDB and S3 (JWT, routing, zod, hashing, gzip, JSON, …)', `${series}#overhead`),
    row('  ↳ client + socket (client-observed − server time)', `${series}#client`),
  ];
  lines.push('', '## PUT /projects/{p}/declarations/{org} with If-Match (a new version each time)', '', ...STATS_TABLE_HEAD);
  lines.push(row('route over HTTP (client-observed)', 'save.route'), ...breakdown('save.route'));
  lines.push(row('raw GetItem (consistent, declaration head)', 'raw.save.getHead'));
  lines.push(row('raw GetItem (consistent, audit chain head)', 'raw.save.getAudit'));
  lines.push(row('raw TransactWriteItems (4 conditional Puts)', 'raw.save.tx'));
  lines.push(row('raw sequence of the 3 calls', 'raw.save.seq'));
  lines.push(row('raw sequence of the 5 calls of load + save (+ Query project, + GetItem head)', 'raw.savefull.seq'));

  lines.push('', `## GET …/versions/{n}`, '', ...STATS_TABLE_HEAD);
  lines.push(row('route over HTTP (client-observed)', 'read.route'), ...breakdown('read.route'));
  lines.push(row('raw GetItem (the version item)', 'raw.read.get'));
  lines.push(row('raw sequence of the 3 calls the route makes (Query, GetItem head, GetItem version)', 'raw.readfull.seq'));

  lines.push('', `## GET …/diff?from=1&to=${1 + DIFF_SPAN}`, '', ...STATS_TABLE_HEAD);
  lines.push(
    row('route over HTTP (client-observed)', 'diff.route'),
    ...breakdown('diff.route', ' (sum over calls: the 2 version reads overlap, and include their gunzip)'),
  );
  lines.push(row('raw sequence of the 4 calls the route makes (Query, GetItem head, 2 GetItems in parallel)', 'raw.difffull.seq'));

  lines.push('', '## In-process (no I/O)', '', ...STATS_TABLE_HEAD);
  lines.push(row('JSON.parse of the body', 'cpu.jsonParse'));
  lines.push(row('parseDeclarationDraft (limits pre-check + zod draft schema)', 'cpu.parse'));
  lines.push(row('contentHashOf (canonical JSON + SHA-256)', 'cpu.hash'));
  lines.push(row('JSON.stringify + gzip (what a save of this size does)', 'cpu.gzip'));
  lines.push(row('gunzip + JSON.parse (what a read does)', 'cpu.gunzip'));
  lines.push(row(`diffDeclarations (1 → ${1 + DIFF_SPAN})`, 'cpu.diff'));

  const calls = (s: string) => f2(stats(`${s}#calls`).mean);
  lines.push(
    '',
    `DynamoDB calls per request seen inside the routes: PUT ${calls('save.route')}, GET version ${calls('read.route')}, GET diff ${calls('diff.route')}.`,
  );
  if (stats('save.route#calls').mean > 5) {
    lines.push(
      '',
      `PUT makes more than the 5 calls of load + save (Query project, GetItem head, GetItem head, GetItem audit head, TransactWriteItems): ` +
        `the rest come from work the route runs after saving (e.g. a risk re-evaluation of the project). They are part of the route times above, but not of the raw "writes it needs".`,
    );
  }

  // Budget
  const route = stats('save.route').p99;
  const sumP99 = ['raw.save.getHead', 'raw.save.getAudit', 'raw.save.tx'].reduce((a, s) => a + stats(s).p99, 0);
  const seqP99 = stats('raw.save.seq').p99;
  const verdict = (r: number) => (!Number.isFinite(route) || !Number.isFinite(r) ? 'n/a' : route <= BUDGET_FACTOR * r ? 'PASS' : 'FAIL');
  lines.push('', `## Budget: save p99 ≤ ${BUDGET_FACTOR} × raw p99`, '');
  lines.push('| route | route p99 ms | raw Σ p99 ms | ratio | budget | raw seq p99 ms | ratio | vs seq |', '|---|---:|---:|---:|---|---:|---:|---|');
  lines.push(
    `| PUT declaration | ${f2(route)} | ${f2(sumP99)} | ${f2(route / sumP99)}× | **${verdict(sumP99)}** | ${f2(seqP99)} | ${f2(route / seqP99)}× | ${verdict(seqP99)} |`,
  );
  const rr = stats('read.route').p99;
  const rg = stats('raw.read.get').p99;
  const rf = stats('raw.readfull.seq').p99;
  lines.push(
    `| GET version (informative) | ${f2(rr)} | ${f2(rg)} | ${f2(rr / rg)}× | ${rr <= BUDGET_FACTOR * rg ? 'PASS' : 'FAIL'} | ${f2(rf)} (3 calls) | ${f2(rr / rf)}× | ${rr <= BUDGET_FACTOR * rf ? 'PASS' : 'FAIL'} |`,
  );
  const sf = stats('raw.savefull.seq').p99;
  lines.push(
    '',
    `PUT against the 5 calls of load + save: ${f2(route / sf)}× at p99, ${f2(stats('save.route').p50 / stats('raw.savefull.seq').p50)}× at p50. p50 ratios: PUT / raw 3-call sequence ${f2(stats('save.route').p50 / stats('raw.save.seq').p50)}×, GET version / raw GetItem ${f2(stats('read.route').p50 / stats('raw.read.get').p50)}×.`,
  );

  if (!info.sizes) {
    lines.push('', `BENCH_ONLY=${process.env.BENCH_ONLY}: storage paths and size experiments skipped.`);
    console.log(lines.join('\n'));
    return;
  }

  // History
  {
    const calls = samples.get('save.route#calls') ?? [];
    const times = samples.get('save.route') ?? [];
    const k = Math.min(BLOCK, Math.floor(calls.length / 2));
    if (k > 0) {
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // Measured saves are interleaved with warm-up-free blocks, in order: the first k and the last k of the series.
      lines.push('', '## The version history and the project partition', '');
      lines.push(
        `Version items live in the project partition next to the heads (sk DECL#<org>#V#…), so \`listDeclarationHeads\` (Query sk begins_with DECL#, FilterExpression on the head entity) reads every version of every declaration of the project before filtering. ` +
          `Each version item here is ≈ ${kb(historyInfo.versionItemBytes)}.`,
        '',
        '| versions in the project | listDeclarationHeads p50 ms | Query calls (pages) | DynamoDB Local: ScannedCount / Count (first page) | ConsumedCapacity (first page) | more pages? |',
        '|---:|---:|---:|---|---:|---|',
      );
      for (const [s, h] of [
        ['heads.early', historyInfo.early],
        ['heads.late', historyInfo.late],
      ] as const) {
        if (h)
          lines.push(
            `| ${h.versions} | ${f2(stats(s).p50)} | ${f2(stats(`${s}#calls`).mean)} | ${h.scanned} / ${h.returned} | ${f2(h.capacity)} | ${h.morePages ? 'yes' : 'no'} |`,
          );
      }
      lines.push(
        '',
        `PUT (route): DynamoDB calls per request ${f2(mean(calls.slice(0, k)))} for the first ${k} measured saves (from version ${historyInfo.firstMeasured}) → ${f2(mean(calls.slice(-k)))} for the last ${k} (up to version ${historyInfo.late?.versions}); ` +
          `median time ${f2(median(times.slice(0, k)))} → ${f2(median(times.slice(-k)))} ms.`,
      );
    }
  }

  // A project that fills up
  if (multiInfo) {
    const cell = (s: string) => {
      const x = stats(s);
      return x.n ? `${f2(x.p50)} | ${f2(x.p95)} | ${f2(x.max)} | ${f2(stats(`${s}#calls`).mean)}` : '— | — | — | —';
    };
    lines.push('', '## A save as the project fills up', '');
    lines.push(
      '| project | declarations in it | PUT p50 ms | p95 ms | max ms | DynamoDB calls per PUT | reevaluateProject alone p50 ms (calls) |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    const re = (s: string) => (stats(s).n ? `${f2(stats(s).p50)} (${f2(stats(`${s}#calls`).mean)})` : 'n/a');
    lines.push(`| main (A, B, C; only A has declared) | 1 | ${cell('save.route')} | ${re('reeval.main')} |`);
    lines.push(`| ${multiInfo.partners} partners, all declared (200 items each) | ${multiInfo.declarations} | ${cell('multi.save')} | ${re('reeval.multi')} |`);
  }

  // Storage paths
  lines.push('', '## Storage paths', '');
  lines.push(
    '| path | content | JSON | gzip | stored as | save p50 / max ms | S3 time in save p50 ms | read p50 / max ms |',
    '|---|---|---:|---:|---|---:|---:|---:|',
  );
  for (const s of info.storage) {
    const [saveS, readS] = (s.series ?? '|').split('|');
    const sv = saveS ? stats(saveS) : null;
    const rd = readS ? stats(readS) : null;
    const s3t = saveS ? stats(`${saveS}#s3`) : null;
    const cell = (x: Stats | null) => (x && x.n ? `${f2(x.p50)} / ${f2(x.max)} (n=${x.n})` : '—');
    lines.push(
      `| ${s.name} | ${s.what} | ${kb(s.jsonBytes)} | ${kb(s.gzipBytes)} | ${s.outcome} | ${cell(sv)} | ${s3t && s3t.n ? f2(s3t.p50) : '—'} | ${cell(rd)} |`,
    );
  }

  // Size findings
  const z = info.sizes;
  lines.push('', '## Size limits', '');
  lines.push(
    `Realistic items (this generator): background item ${z.perItem.background.toFixed(0)} B of JSON on average (description ${z.perItem.description.toFixed(0)} B), ` +
      `result ${z.perItem.result.toFixed(0)} B, access right ${z.perItem.accessRight.toFixed(0)} B; the declaration without background items (${RESULTS} results, ${ACCESS_RIGHTS} access rights, people) ${kb(z.perItem.base)}. ` +
      `The generated descriptions alone gzip ${z.descriptionGzipRatio.toFixed(1)}×.`,
  );
  lines.push('', `| background items (+ ${RESULTS} results, ${ACCESS_RIGHTS} access rights) | JSON | gzip | ratio | stored as |`, '|---:|---:|---:|---:|---|');
  for (const t of z.table) {
    const mode = t.json > info.maxBody ? '413 (body > 1 MiB)' : t.json <= info.inlineLimit ? 'inline' : t.gzip <= info.inlineLimit ? 'gzip' : 's3';
    lines.push(`| ${t.n} | ${kb(t.json)} | ${kb(t.gzip)} | ${(t.json / t.gzip).toFixed(1)}× | ${mode} |`);
  }
  lines.push('', '| switch | at background items |', '|---|---|');
  for (const t of z.thresholds) lines.push(`| ${t.label} | ${t.value} |`);
  lines.push(
    '',
    `DynamoDB Local, probed with a version item (same key and metadata attributes): \`content\` of ${z.probe.maxContent} B accepted, ${z.probe.refusedAt} B refused (“${z.probe.message}”) — ` +
      `so the item's keys and metadata take ${z.probe.overhead} B of the 409,600 B (400 KB) limit.`,
  );
  lines.push(
    '',
    `With 1,500-character descriptions: ${z.long.perItem.toFixed(0)} B per background item; ${info.maxBackground} items = ${kb(z.long.json500)} JSON (gzip ${kb(z.long.gzip500)}); ` +
      `inline up to ≈ ${z.long.nInline} items; the 1 MiB body limit is reached at ≈ ${z.long.nBody} items.`,
  );
  lines.push(
    '',
    `S3 is only reachable through the API if gzip gains less than ${(info.maxBody / info.inlineLimit).toFixed(2)}× (1 MiB / 300 KB) on the whole body.`,
  );
  for (const n of notes) lines.push('', n);
  lines.push('', 'A budget miss is reported here; it does not make this script fail.');
  console.log(lines.join('\n'));
}

bench.run(main);
