// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['fr', 'fr-FR'],
  pattern: '{d} {MMMM} {y} à {hh}:{mm}',
  months: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        one: 'il y a {n} an',
        other: 'il y a {n} ans',
      },
      words: {
        '-1': 'l’année dernière',
      },
    },
    month: {
      past: {
        one: 'il y a {n} mois',
        other: 'il y a {n} mois',
      },
      words: {
        '-1': 'le mois dernier',
      },
    },
    week: {
      past: {
        one: 'il y a {n} semaine',
        other: 'il y a {n} semaines',
      },
      words: {
        '-1': 'la semaine dernière',
      },
    },
    day: {
      past: {
        one: 'il y a {n} jour',
        other: 'il y a {n} jours',
      },
      words: {
        '-2': 'avant-hier',
        '-1': 'hier',
      },
    },
    hour: {
      past: {
        one: 'il y a {n} heure',
        other: 'il y a {n} heures',
      },
      words: {},
    },
    minute: {
      past: {
        one: 'il y a {n} minute',
        other: 'il y a {n} minutes',
      },
      words: {},
    },
    second: {
      words: {
        '0': 'maintenant',
      },
    },
  },
};
