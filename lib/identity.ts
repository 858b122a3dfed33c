/**
 * The project's own identifiers. PolicyLens owns no domain, so it names itself with a UUID it
 * minted once (random, RFC 9562 version 4) and derives the rest from it. None may ever change:
 * Firefox ties a reader's data to the add-on id, and exported files name their vocabulary by IRI.
 * README.md, "Identifiers", says why each has the form it has.
 */
export const PROJECT_UUID = '9c2a5687-f4a9-4b35-9aef-c831bb4dcd6a';

/** Firefox add-on id: the {GUID} form AMO accepts from anyone, where name@domain needs the domain. */
export const GECKO_ID = `{${PROJECT_UUID}}`;
