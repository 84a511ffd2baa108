import type { Recognizer } from '../recognizer.js'
import { addressTowns } from './address-city.js'
import { capitalisedWords } from './capitalised-words.js'
import { locationsIn } from './location.js'
import { personsIn } from './person.js'

/** PERSON and LOCATION from one pass over the capitalised words of the text. */
export const namesRecognizer: Recognizer = {
  entities: ['PERSON', 'LOCATION'],
  scan(text) {
    const words = capitalisedWords(text)
    return personsIn(text, words).concat(locationsIn(text, words), addressTowns(text))
  },
}
