import type { TECHNOLOGY_DOMAINS } from './project';

/**
 * Names of the technology domains, French and English: in the forms (./forms/labels.ts) and in the risk
 * engine's explanations (./risk/context.ts). A module of its own so that the engine does not bundle the forms.
 */
export const TECHNOLOGY_DOMAIN_LABELS: Readonly<Record<'fr' | 'en', Readonly<Record<(typeof TECHNOLOGY_DOMAINS)[number], string>>>> = {
  fr: {
    cybersecurity: 'Cybersécurité',
    'artificial-intelligence': 'Intelligence artificielle',
    robotics: 'Robotique',
    'additive-manufacturing': 'Fabrication additive',
    semiconductors: 'Semi-conducteurs',
    quantum: 'Technologies quantiques',
    'energy-storage': "Stockage d'énergie",
    biotechnologies: 'Biotechnologies',
    'low-carbon-energy': "Production d'énergie décarbonée",
    photonics: 'Photonique',
    nanotechnologies: 'Nanotechnologies',
    microelectronics: 'Microélectronique',
    'micro-nanosystems': 'Micro- et nanosystèmes',
    space: 'Spatial',
    health: 'Santé',
    telecommunications: 'Télécommunications',
    materials: 'Matériaux',
    software: 'Logiciel',
    other: 'Autre',
  },
  en: {
    cybersecurity: 'Cybersecurity',
    'artificial-intelligence': 'Artificial intelligence',
    robotics: 'Robotics',
    'additive-manufacturing': 'Additive manufacturing',
    semiconductors: 'Semiconductors',
    quantum: 'Quantum technologies',
    'energy-storage': 'Energy storage',
    biotechnologies: 'Biotechnologies',
    'low-carbon-energy': 'Low-carbon energy production',
    photonics: 'Photonics',
    nanotechnologies: 'Nanotechnologies',
    microelectronics: 'Microelectronics',
    'micro-nanosystems': 'Micro- and nanosystems',
    space: 'Space',
    health: 'Health',
    telecommunications: 'Telecommunications',
    materials: 'Materials',
    software: 'Software',
    other: 'Other',
  },
};
