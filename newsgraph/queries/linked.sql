-- linked.rq over the store's side index (newsgraph.graph.index): the same rows, read from SQLite.
--
-- Each statement is one branch of linked.rq (see there for what each kind of link means)
-- and gives, for the person :person, the columns
--   other, link, via, via_kind, via_class, org, person_role, other_role, evidence, article
-- as term ids or text (org: the organization whose labels become via_label); the other's
-- kinds and names are joined afterwards (newsgraph.queries.indexed). The same triple in
-- several graphs is one triple, as in linked.rq's union default graph: graph columns are
-- only read where linked.rq has a GRAPH pattern, and DISTINCT removes the copies.
--
-- How it is written, for speed: every join starts at the person (CROSS JOIN keeps SQLite
-- to that order), small sets are MATERIALIZED once, and a type is tested with EXISTS
-- rather than joined (an entity's type is stated again in every article naming it).
--
-- Header lines: `-- prefix: p = IRI`; `-- term: name = p:local` (bound as :name);
-- `-- list: name = [word=]p:local ...` ({name} becomes the list of their ids, and
-- {role:name:COLUMN} a CASE giving each one's word). Then `-- statement: name = kind of link`
-- starts a statement (the kind its rows are, ties: stated or alleged).
--
-- prefix: rdf = http://www.w3.org/1999/02/22-rdf-syntax-ns#
-- prefix: rdfs = http://www.w3.org/2000/01/rdf-schema#
-- prefix: prov = http://www.w3.org/ns/prov#
-- prefix: ng = https://w3id.org/newsgraph/ontology#
-- term: type = rdf:type
-- term: label = rdfs:label
-- term: derived = prov:wasDerivedFrom
-- term: evidence = ng:evidence
-- term: mentions = ng:mentions
-- term: modality = ng:modality
-- term: tieSubject = ng:tieSubject
-- term: tieProperty = ng:tieProperty
-- term: tieObject = ng:tieObject
-- term: Tie = ng:Tie
-- term: Sentence = ng:Sentence
-- term: Alleged = ng:Alleged
-- term: Person = ng:Person
-- term: Organization = ng:Organization
-- list: ties = ng:linkedTo ng:lawyerOf ng:relativeOf ng:supporterOf ng:successorOf ng:coDefendantOf ng:memberOf ng:leaderOf ng:candidateOf ng:employedBy ng:founderOf
-- list: roles = target=ng:hasTarget agent=ng:hasAgent participant=ng:hasParticipant winner=ng:winner
-- list: roles3 = target=ng:hasTarget agent=ng:hasAgent participant=ng:hasParticipant
-- list: roles_about = target=ng:hasTarget participant=ng:hasParticipant
-- list: orgs = memberOf=ng:memberOf leaderOf=ng:leaderOf candidateOf=ng:candidateOf employedBy=ng:employedBy founderOf=ng:founderOf
-- list: orgs_about = memberOf=ng:memberOf leaderOf=ng:leaderOf candidateOf=ng:candidateOf founderOf=ng:founderOf
-- list: events = ng:Event ng:Detention ng:Charging ng:Sentencing ng:Release ng:Protest ng:Election ng:Violence ng:PretrialDetention ng:AdministrativeArrest ng:HouseArrest ng:Conviction ng:Fine ng:Acquittal ng:Killing ng:Injury ng:Torture ng:Referendum

-- statement: tie = stated tie
-- a stated tie between the person and the other, either way, with the reified ng:Tie of its article (if any)
WITH nodes AS MATERIALIZED (
  SELECT ts.g, tp.o AS prop, tsu.o AS subject, tob.o AS object, ev.o AS evidence, md.o AS modality
  FROM quad ts
  CROSS JOIN quad tp ON tp.g = ts.g AND tp.s = ts.s AND tp.p = :tieProperty
  CROSS JOIN quad tsu ON tsu.g = ts.g AND tsu.s = ts.s AND tsu.p = :tieSubject
  CROSS JOIN quad tob ON tob.g = ts.g AND tob.s = ts.s AND tob.p = :tieObject
  CROSS JOIN quad ev ON ev.g = ts.g AND ev.s = ts.s AND ev.p = :evidence
  LEFT JOIN quad md ON md.g = ts.g AND md.s = ts.s AND md.p = :modality
  WHERE ts.p IN (:tieSubject, :tieObject) AND ts.o = :person
    AND EXISTS (SELECT 1 FROM quad t WHERE t.g = ts.g AND t.s = ts.s AND t.p = :type AND t.o = :Tie)),
stated AS MATERIALIZED (
  SELECT g, s, p, o, o AS other, 'subject' AS mine, 'object' AS theirs FROM quad
  WHERE p IN ({ties}) AND s = :person AND o != :person
  UNION ALL
  SELECT g, s, p, o, s, 'object', 'subject' FROM quad WHERE p IN ({ties}) AND o = :person AND s != :person)
SELECT q.other, CASE WHEN t.modality = :Alleged THEN 'alleged tie' ELSE 'stated tie' END, q.p, 'tie', NULL, NULL,
       q.mine, q.theirs, t.evidence, q.g
FROM stated q
LEFT JOIN nodes t ON t.g = q.g AND t.prop = q.p AND t.subject = q.s AND t.object = q.o

-- statement: event = shared event
-- both hold a role in one event (one row per class of the event and per article telling it)
WITH mine AS MATERIALIZED (
  SELECT DISTINCT r.s AS event, {role:roles:r.p} AS role FROM quad r WHERE r.p IN ({roles}) AND r.o = :person),
classes AS MATERIALIZED (
  SELECT DISTINCT e.event, c.o AS cls FROM (SELECT DISTINCT event FROM mine) e
  CROSS JOIN quad c ON c.p = :type AND c.s = e.event WHERE +c.o IN ({events})),
theirs AS MATERIALIZED (
  SELECT DISTINCT e.event, {role:roles:r.p} AS role, r.o AS other FROM (SELECT DISTINCT event FROM classes) e
  CROSS JOIN quad r ON r.p IN ({roles}) AND r.s = e.event WHERE r.o != :person),
said AS MATERIALIZED (
  SELECT DISTINCT e.event, ev.g, ev.o AS evidence FROM (SELECT DISTINCT event FROM theirs) e
  CROSS JOIN quad ev ON ev.p = :evidence AND ev.s = e.event)
SELECT theirs.other, 'shared event', mine.event, 'event', classes.cls, NULL, mine.role, theirs.role,
       said.evidence, said.g
FROM mine CROSS JOIN classes ON classes.event = mine.event CROSS JOIN theirs ON theirs.event = mine.event
LEFT JOIN said ON said.event = mine.event

-- statement: event_about = shared event
-- an event about the person: the other holds a role in it, and the sentence it was read
-- from names the person, who holds none
WITH said AS MATERIALIZED (
  SELECT DISTINCT ev.o AS evidence, d.o AS article
  FROM quad m CROSS JOIN quad ev ON ev.p = :evidence AND ev.s = m.s
  CROSS JOIN quad d ON d.p = :derived AND d.s = m.s
  WHERE m.p = :mentions AND m.o = :person
    AND EXISTS (SELECT 1 FROM quad t WHERE t.p = :type AND t.s = m.s AND t.o = :Sentence)),
events AS MATERIALIZED (
  SELECT DISTINCT e.s AS event, said.evidence, said.article
  FROM said CROSS JOIN quad e ON e.p = :evidence AND e.o = said.evidence
  WHERE EXISTS (SELECT 1 FROM quad c WHERE c.p = :type AND c.s = e.s AND +c.o IN ({events}))
    AND EXISTS (SELECT 1 FROM quad d WHERE d.p = :derived AND d.s = e.s AND d.o = said.article)
    AND NOT EXISTS (SELECT 1 FROM quad r WHERE r.p IN ({roles3}) AND r.s = e.s AND r.o = :person))
SELECT DISTINCT r.o, 'shared event', events.event, 'event', c.o, NULL, 'named', {role:roles3:r.p}, events.evidence,
       events.article
FROM events CROSS JOIN quad c ON c.p = :type AND c.s = events.event
CROSS JOIN quad r ON r.p IN ({roles3}) AND r.s = events.event
WHERE +c.o IN ({events}) AND r.o != :person

-- statement: event_naming = shared event
-- the person holds a role in an event whose sentence names the other, who holds none
WITH mine AS MATERIALIZED (
  SELECT DISTINCT r.s AS event, {role:roles3:r.p} AS role FROM quad r WHERE r.p IN ({roles3}) AND r.o = :person),
said AS MATERIALIZED (
  SELECT DISTINCT e.event, ev.o AS evidence, d.o AS article
  FROM (SELECT DISTINCT event FROM mine) e
  CROSS JOIN quad ev ON ev.p = :evidence AND ev.s = e.event
  CROSS JOIN quad d ON d.p = :derived AND d.s = e.event),
named AS MATERIALIZED (
  SELECT DISTINCT said.event, said.evidence, said.article, m.o AS other
  FROM said CROSS JOIN quad s ON s.p = :evidence AND s.o = said.evidence
  CROSS JOIN quad m ON m.p = :mentions AND m.s = s.s
  WHERE EXISTS (SELECT 1 FROM quad d WHERE d.p = :derived AND d.s = m.s AND d.o = said.article)
    AND EXISTS (SELECT 1 FROM quad t WHERE t.p = :type AND t.s = m.s AND t.o = :Sentence)
    AND m.o != :person
    AND NOT EXISTS (SELECT 1 FROM quad r WHERE r.p IN ({roles3}) AND r.s = said.event AND r.o = m.o))
SELECT DISTINCT named.other, 'shared event', mine.event, 'event', c.o, NULL, mine.role, 'named', named.evidence,
       named.article
FROM mine CROSS JOIN named ON named.event = mine.event
CROSS JOIN quad c ON c.p = :type AND c.s = mine.event
WHERE +c.o IN ({events})

-- statement: organization = shared organization
-- both tied to one organization; the evidence is the reified tie of the other's membership
WITH mine AS MATERIALIZED (
  SELECT DISTINCT {role:orgs:q.p} AS role, q.o AS org FROM quad q WHERE q.p IN ({orgs}) AND q.s = :person),
members AS MATERIALIZED (
  SELECT DISTINCT o.org, {role:orgs:q.p} AS role, q.p AS prop, q.s AS other, q.g
  FROM (SELECT DISTINCT org FROM mine) o
  CROSS JOIN quad q ON q.p IN ({orgs}) AND q.o = o.org WHERE q.s != :person),
ties AS MATERIALIZED (
  SELECT tob.g, tob.o AS org, tsu.o AS other, tp.o AS prop, ev.o AS evidence
  FROM (SELECT DISTINCT org FROM mine) o CROSS JOIN quad tob ON tob.p = :tieObject AND tob.o = o.org
  CROSS JOIN quad tsu ON tsu.g = tob.g AND tsu.s = tob.s AND tsu.p = :tieSubject
  CROSS JOIN quad tp ON tp.g = tob.g AND tp.s = tob.s AND tp.p = :tieProperty
  CROSS JOIN quad ev ON ev.g = tob.g AND ev.s = tob.s AND ev.p = :evidence
  WHERE EXISTS (SELECT 1 FROM quad t WHERE t.g = tob.g AND t.s = tob.s AND t.p = :type AND t.o = :Tie))
SELECT members.other, 'shared organization', mine.org, 'organization', NULL, mine.org, mine.role, members.role,
       ties.evidence, members.g
FROM mine CROSS JOIN members ON members.org = mine.org
LEFT JOIN ties ON ties.g = members.g AND ties.org = members.org AND ties.other = members.other
                  AND ties.prop = members.prop

-- statement: organization_event = shared organization
-- the other is the target or a participant of an event whose sentence names an organization
-- the person belongs to or leads, in an article stating the person's tie to it
WITH mine AS MATERIALIZED (
  SELECT DISTINCT {role:orgs_about:q.p} AS role, q.o AS org, q.g FROM quad q
  WHERE q.p IN ({orgs_about}) AND q.s = :person),
said AS MATERIALIZED (
  SELECT DISTINCT mine.role, mine.org, mine.g, ev.o AS evidence
  FROM mine CROSS JOIN quad m ON m.p = :mentions AND m.o = mine.org AND m.g = mine.g
  CROSS JOIN quad ev ON ev.p = :evidence AND ev.s = m.s AND ev.g = mine.g),
events AS MATERIALIZED (
  SELECT DISTINCT said.role, said.org, said.g, said.evidence, e.s AS event
  FROM said CROSS JOIN quad e ON e.p = :evidence AND e.o = said.evidence AND e.g = said.g)
SELECT DISTINCT r.o, 'shared organization', events.org, 'organization', NULL, events.org, events.role,
       {role:roles_about:r.p}, events.evidence, events.g
FROM events CROSS JOIN quad r ON r.p IN ({roles_about}) AND r.s = events.event
WHERE r.o != :person AND r.o != events.org

-- statement: co_mention = co-mention
-- named together in one ng:Sentence
SELECT DISTINCT m2.o, 'co-mention', m.s, 'sentence', NULL, NULL, 'named', 'named', ev.o, d.o
FROM quad m CROSS JOIN quad ev ON ev.p = :evidence AND ev.s = m.s
CROSS JOIN quad m2 ON m2.p = :mentions AND m2.s = m.s
LEFT JOIN quad d ON d.p = :derived AND d.s = m.s
WHERE m.p = :mentions AND m.o = :person AND m2.o != :person
  AND EXISTS (SELECT 1 FROM quad t WHERE t.p = :type AND t.s = m.s AND t.o = :Sentence)
