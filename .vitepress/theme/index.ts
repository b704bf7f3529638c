import { defineAsyncComponent } from 'vue';
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import './style.css';

/**
 * The default theme plus the course's components, usable in any markdown page. They are
 * loaded on demand: the quiz data (every question and answer, already rendered) then
 * travels only to pages that show a quiz, not to every page of the site.
 */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Quiz', defineAsyncComponent(() => import('./components/Quiz.vue')));
    app.component('QuizScores', defineAsyncComponent(() => import('./components/QuizScores.vue')));
    app.component('InterviewQuestions', defineAsyncComponent(() => import('./components/InterviewQuestions.vue')));
    app.component('LabProgress', defineAsyncComponent(() => import('./components/LabProgress.vue')));
    app.component('CourseMap', defineAsyncComponent(() => import('./components/CourseMap.vue')));
    app.component('MockInterview', defineAsyncComponent(() => import('./components/MockInterview.vue')));
    app.component('ReviewDue', defineAsyncComponent(() => import('./components/ReviewDue.vue')));
  },
};

export default theme;
