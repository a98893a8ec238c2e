// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['pt', 'pt-BR'],
  pattern: '{d} de {MMMM} de {y} às {hh}:{mm}',
  months: [
    'janeiro',
    'fevereiro',
    'março',
    'abril',
    'maio',
    'junho',
    'julho',
    'agosto',
    'setembro',
    'outubro',
    'novembro',
    'dezembro',
  ],
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        one: 'há {n} ano',
        other: 'há {n} anos',
      },
      words: {
        '-1': 'ano passado',
      },
    },
    month: {
      past: {
        one: 'há {n} mês',
        other: 'há {n} meses',
      },
      words: {
        '-1': 'mês passado',
      },
    },
    week: {
      past: {
        one: 'há {n} semana',
        other: 'há {n} semanas',
      },
      words: {
        '-1': 'semana passada',
      },
    },
    day: {
      past: {
        one: 'há {n} dia',
        other: 'há {n} dias',
      },
      words: {
        '-2': 'anteontem',
        '-1': 'ontem',
      },
    },
    hour: {
      past: {
        one: 'há {n} hora',
        other: 'há {n} horas',
      },
      words: {},
    },
    minute: {
      past: {
        one: 'há {n} minuto',
        other: 'há {n} minutos',
      },
      words: {},
    },
    second: {
      words: {
        '0': 'agora',
      },
    },
  },
};
