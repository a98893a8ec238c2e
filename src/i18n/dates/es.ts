// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['es', 'es-ES'],
  pattern: '{d} de {MMMM} de {y} a las {h}:{mm}',
  months: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        other: 'hace {n} años',
        one: 'hace {n} año',
      },
      words: {
        '-1': 'el año pasado',
      },
    },
    month: {
      past: {
        other: 'hace {n} meses',
        one: 'hace {n} mes',
      },
      words: {
        '-1': 'el mes pasado',
      },
    },
    week: {
      past: {
        other: 'hace {n} semanas',
        one: 'hace {n} semana',
      },
      words: {
        '-1': 'la semana pasada',
      },
    },
    day: {
      past: {
        other: 'hace {n} días',
        one: 'hace {n} día',
      },
      words: {
        '-2': 'anteayer',
        '-1': 'ayer',
      },
    },
    hour: {
      past: {
        other: 'hace {n} horas',
        one: 'hace {n} hora',
      },
      words: {},
    },
    minute: {
      past: {
        other: 'hace {n} minutos',
        one: 'hace {n} minuto',
      },
      words: {},
    },
    second: {
      words: {
        '0': 'ahora',
      },
    },
  },
};
