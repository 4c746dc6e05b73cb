/**
 * Acts that are only intended or conditional are read as what they are now: a conflictual act is a threat
 * ("would walk away from the summit unless …" is CAMEO 134, "will strike Guam" 1384), a cooperative act a
 * promise ("will provide food aid" is 033, "will visit Moscow" 036), as PLOVER codes future cooperation as
 * AGREE. Without this the series would count threatened strikes as strikes and promised aid as aid. The maps
 * follow CAMEO's own pairing of the 13x threats and 03x intents with the acts they announce.
 */
const THREAT_OF: Array<[prefix: string, threat: string]> = [
  ['162', '1311'],
  ['163', '1312'],
  ['164', '134'],
  ['165', '135'],
  ['166', '136'],
  ['16', '1313'],
  ['14', '133'],
  ['172', '132'],
  ['17', '137'],
  ['191', '1381'],
  ['192', '1382'],
  ['204', '1385'],
  ['20', '1383'],
  ['18', '138'],
  ['19', '1384'],
  ['125', '134'],
  ['12', '130'],
];

const PROMISE_OF: Array<[prefix: string, intent: string]> = [
  ['04', '036'],
  ['05', '032'],
  ['061', '0311'],
  ['062', '0312'],
  ['063', '0313'],
  ['064', '0314'],
  ['06', '031'],
  ['071', '0331'],
  ['072', '0332'],
  ['073', '0333'],
  ['074', '0334'],
  ['07', '033'],
  ['081', '0351'],
  ['082', '0352'],
  ['083', '034'],
  ['084', '0353'],
  ['085', '0354'],
  ['086', '0355'],
  ['087', '0356'],
  ['08', '035'],
];

/**
 * The threat (13x) or intent (03x) code for an act that is only intended or conditional, or null. A show of
 * force aimed at someone ("a plan to fire missiles around Guam") threatens force (138); one with no target
 * ("will hold drills next month") stays an announced exercise.
 */
export function unrealisedReadingOf(cameo: string, aimed = false): string | null {
  for (const [prefix, code] of [...THREAT_OF, ...PROMISE_OF]) if (cameo.startsWith(prefix)) return code;
  return aimed && cameo.startsWith('15') ? '138' : null;
}

/**
 * A cooperative act refused on a condition ("would not sit down with Seoul again unless …", "will not send aid
 * unless …") threatens to withhold it: 134 for talks, 1311 for aid, 130 otherwise. Null for other acts.
 */
export function withheldReadingOf(cameo: string): string | null {
  const root = cameo.slice(0, 2);
  if (root === '04') return '134';
  if (root === '07') return '1311';
  return root >= '03' && root <= '08' ? '130' : null;
}
